# review: collections-counter 4
def tally_votes(ballots):
    tally = {}
    for choice in ballots:
        if choice not in tally:
            tally[choice] = 0
        tally[choice] += 1
    return tally


votes = ["pizza", "tacos", "pizza", "sushi", "tacos", "pizza"]
results = tally_votes(votes)
winner = max(results, key=results.get)
print(f"Results: {results}")
print(f"The class will eat {winner} on Friday!")
