def shout(text):
    """Return text in uppercase, ending with a single "!" unless it already ends with "!".

    An empty string is returned unchanged.
    """
    if not text:
        return ""
    loud = text.upper()
    if loud.endswith("!"):
        return loud
    return loud + "!"
