def is_yes(answer):
    """Return True if answer is yes, y, yeah or sure (ignoring case and outer spaces)."""
    return answer == "yes"
