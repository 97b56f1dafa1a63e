# review: compare-to-bool 10
WEEKEND = ("Saturday", "Sunday")


def is_weekend(day):
    return day in WEEKEND


def plan_for(day):
    if is_weekend(day) == True:
        return "sleep in and go to the park"
    return "go to school"


for d in ["Friday", "Saturday", "Monday"]:
    print(f"{d}: {plan_for(d)}")
