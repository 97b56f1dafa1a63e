# review: compare-to-bool 13
USERS = {"ada": "lovelace", "alan": "turing"}


def check_password(user, password):
    return USERS.get(user) == password


def login(user, tries):
    """Try each password in turn until one works."""
    for password in tries:
        logged_in = check_password(user, password)
        if logged_in == True:
            print(f"Welcome back, {user}!")
            return True
        print("Sorry, that did not work.")
    return False


login("ada", ["lovelace"])
login("alan", ["enigma", "turing"])
