# review: global-statement 9
readings = [14.5, 17.0, 12.25, 19.5]
average = None
warmest = None


def summarise(temps):
    """Work out the average and the warmest of the day's readings."""
    global average, warmest
    average = sum(temps) / len(temps)
    warmest = max(temps)


summarise(readings)
print(f"Average {average:.1f}, warmest {warmest}")
