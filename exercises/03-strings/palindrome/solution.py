def is_palindrome(text):
    """Return True if text reads the same backwards, ignoring case and spaces."""
    letters = text.lower().replace(" ", "")
    return letters == letters[::-1]
