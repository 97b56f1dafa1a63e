# review: membership-test 6
GUESTS = ["Amira", "Ben", "Chloe", "Dmitri"]


def invited(name):
    for guest in GUESTS:
        if guest == name:
            return True
    return False


for visitor in ["Ben", "Eve"]:
    if invited(visitor):
        print(f"Come in, {visitor}!")
    else:
        print(f"Sorry {visitor}, you are not on the list.")
