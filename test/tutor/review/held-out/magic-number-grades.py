# review: magic-number 3
def passed(score):
    return score >= 55


def grade_report(scores):
    for name, score in scores.items():
        if passed(score):
            print(f"{name}: passed")
        else:
            print(f"{name}: needs {55 - score} more points")


grade_report({"Iris": 72, "Jon": 48, "Kai": 61})
