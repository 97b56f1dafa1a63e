# review: comprehension 4
def to_fahrenheit(celsius_temps):
    fahrenheit = []
    for c in celsius_temps:
        fahrenheit.append(c * 9 / 5 + 32)
    return fahrenheit


week_c = [18, 21, 25, 19, 16]
print(f"This week in Fahrenheit: {to_fahrenheit(week_c)}")
