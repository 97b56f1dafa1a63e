def clock(seconds):
    """Return `seconds` as a string H:MM:SS (minutes and seconds with two digits)."""
    hours = seconds // 3600
    minutes = seconds // 60
    return f"{hours}:{minutes}:{seconds}"
