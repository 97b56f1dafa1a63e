# review: clean
def make_playlist(songs, extras=None):
    if extras is None:
        extras = []
    return songs + extras


def describe(playlist):
    return " -> ".join(playlist)


road_trip = make_playlist(["Intro", "Highway"], ["Sunset", "Home"])
quiet = make_playlist(["Rain"])
print(f"Road trip: {describe(road_trip)}")
print(f"Quiet evening: {describe(quiet)}")
