# review: string-join 4
def initials(full_name):
    letters = ""
    for part in full_name.split():
        letters += part[0].upper()
    return letters


for person in ["ada lovelace", "grace brewster hopper", "alan turing"]:
    print(f"{person} -> {initials(person)}")
