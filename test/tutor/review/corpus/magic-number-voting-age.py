# review: magic-number 3
def can_vote(age):
    return age >= 18


def years_until_vote(age):
    if can_vote(age):
        return 0
    return 18 - age


for age in [15, 18, 42]:
    print(age, can_vote(age), years_until_vote(age))
