# review: global-statement 6
winner = ""


def find_winner(race_times):
    global winner
    winner = min(race_times, key=race_times.get)


times = {"Ava": 12.4, "Ben": 11.9, "Chloe": 12.1}
find_winner(times)
print(f"The fastest runner is {winner}")
