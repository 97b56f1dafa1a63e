# review: clean
SPECIAL_CHARACTERS = "!@#$%&*?"
MIN_LENGTH = 8


def password_problems(password):
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"use at least {MIN_LENGTH} characters")
    if not any(ch.isdigit() for ch in password):
        problems.append("add a digit")
    if not any(ch in SPECIAL_CHARACTERS for ch in password):
        problems.append("add a special character")
    return problems


for attempt in ["sunshine", "sunsh1ne!", "abc"]:
    issues = password_problems(attempt)
    if issues:
        print(f"{attempt}: {', '.join(issues)}")
    else:
        print(f"{attempt}: looks strong")
