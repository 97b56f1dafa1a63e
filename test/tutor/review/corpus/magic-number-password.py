# review: magic-number 4
def password_problems(password):
    problems = []
    if len(password) < 12:
        problems.append("too short")
    if password.lower() == password:
        problems.append("no capital letter")
    return problems


def strength(password):
    if len(password) >= 12 and not password_problems(password):
        return "strong"
    return "weak"


print(strength("Sunflower-Field-42"), strength("cat"))
