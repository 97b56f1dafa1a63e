# review: comprehension 4
def tidy_names(raw_names):
    tidy = []
    for name in raw_names:
        tidy.append(name.strip().title())
    return tidy


signups = ["  alice ", "BOB", "charlie brown  ", "dana"]
for person in tidy_names(signups):
    print(f"Welcome, {person}!")
