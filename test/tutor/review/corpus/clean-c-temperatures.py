# review: clean
def to_fahrenheit(celsius):
    return celsius * 9 / 5 + 32


def to_celsius(fahrenheit):
    return (fahrenheit - 32) * 5 / 9


def as_clock(seconds):
    """Seconds as minutes:seconds, the way a stopwatch shows them."""
    minutes = seconds // 60
    return f"{minutes}:{seconds % 60:02d}"


def week_report(readings):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    return "\n".join(f"{day}: {celsius}C / {to_fahrenheit(celsius):.0f}F" for day, celsius in zip(days, readings))


print(week_report([12, 15, 9, 21, 18, 16, 14]))
print(round(to_celsius(98.6), 1), as_clock(754))
