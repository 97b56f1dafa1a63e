# review: none-identity 14
def best_lap(laps):
    """The fastest lap time that was actually finished (None means the lap was not completed)."""
    finished = [t for t in laps if t is not None]
    if not finished:
        return None
    return min(finished)


drivers = {"Lena": [81.2, None, 79.9], "Omar": [None, None]}
for driver, laps in drivers.items():
    fastest = best_lap(laps)
    # a driver with no finished lap gets no time
    if fastest != None:
        print(f"{driver}: {fastest:.1f} s")
    else:
        print(f"{driver}: no time")
