def clock(seconds):
    """Return `seconds` as a string H:MM:SS (minutes and seconds with two digits)."""
    hours = seconds // 3600
    minutes = seconds % 3600 // 60
    return f"{hours}:{minutes:02d}:{seconds % 60:02d}"
