def move(rooms, current, command):
    """Return (room, message) after trying to go in the direction `command` from room `current`."""
    new_room = rooms[current][command]
    return new_room, "You go " + command + " to the " + new_room + "."
