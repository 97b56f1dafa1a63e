def move(rooms, current, command):
    """Return (room, message) after trying to go in the direction `command` from room `current`."""
    direction = command.strip().lower()
    new_room = rooms[current].get(direction)
    if new_room is None:
        return current, f"You can't go {direction} from the {current}."
    return new_room, f"You go {direction} to the {new_room}."
