# review: membership-test 4
def is_invited(name, guests):
    found = False
    for guest in guests:
        if guest == name:
            found = True
            break
    return found


party = ["Sam", "Priya", "Jonas", "Mei"]
for visitor in ["Priya", "Tom"]:
    if is_invited(visitor, party):
        print(f"Welcome in, {visitor}!")
    else:
        print(f"Sorry {visitor}, you're not on the list.")
