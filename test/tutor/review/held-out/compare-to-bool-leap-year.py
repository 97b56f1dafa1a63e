# review: compare-to-bool 3
def is_leap_year(year):
    if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return True
    else:
        return False


for y in [1900, 2000, 2023, 2024]:
    if is_leap_year(y):
        print(f"{y} is a leap year")
    else:
        print(f"{y} is not a leap year")
