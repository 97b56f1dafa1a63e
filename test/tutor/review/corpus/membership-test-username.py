# review: membership-test 7
TAKEN = {"admin", "root", "guest"}


def name_is_free(wanted):
    """A new user may not pick a name someone already has."""
    for existing in TAKEN:
        if existing == wanted:
            return False
    else:
        return True


def sign_up(wanted):
    wanted = wanted.strip().lower()
    if not name_is_free(wanted):
        return f"'{wanted}' is taken, try another name."
    TAKEN.add(wanted)
    return f"Welcome, {wanted}!"


print(sign_up("Guest"))
print(sign_up("penguin"))
print(sign_up("penguin"))
