# review: compare-to-bool 7
MIN_LENGTH = 8


def strong_enough(password):
    """A password needs enough characters and at least one digit."""
    if len(password) >= MIN_LENGTH and any(ch.isdigit() for ch in password):
        return True
    return False


for attempt in ["secret", "secret123", "longpassword"]:
    verdict = "ok" if strong_enough(attempt) else "too weak"
    print(f"{attempt}: {verdict}")
