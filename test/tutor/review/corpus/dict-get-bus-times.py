# review: dict-get 5
def minutes_to_wait(timetable, stop):
    """Return the minutes until the next bus at stop; stops with no bus today wait forever (None)."""
    wait = None
    if stop in timetable:
        wait = timetable[stop]
    return wait


times = {"Market Square": 4, "Station": 12, "Library": 7}
print(minutes_to_wait(times, "Station"))
print(minutes_to_wait(times, "Airport"))
