# review: f-string 7 json-serialization 7
def save_results(path, results):
    """Write one line per player: name, score and level, for the league table program to read."""
    with open(path, "w") as out:
        for player in sorted(results):
            score, level = results[player]
            record = player + "," + str(score) + "," + level
            out.write(record + "\n")


results = {"Kim": (320, "gold"), "Ade": (150, "silver"), "Lou": (95, "bronze")}
save_results("league.txt", results)
with open("league.txt") as f:
    print(f.read())
