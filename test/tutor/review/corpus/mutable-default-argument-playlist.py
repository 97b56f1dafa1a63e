# review: mutable-default-argument 2
def add_song(title, playlist=[]):
    """Add a song to the playlist and return it."""
    playlist.append(title)
    return playlist


road_trip = add_song("Bohemian Rhapsody", ["Africa"])
print(road_trip)
