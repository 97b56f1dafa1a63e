# review: f-string 12
def average(temperatures):
    return sum(temperatures) / len(temperatures)


def forecast(city, temperatures):
    """A short weather report for a city."""
    mean = average(temperatures)
    lowest = min(temperatures)
    highest = max(temperatures)
    spread = highest - lowest
    return "%s: %.1f degrees on average, varying by %d" % (city, mean, spread)


print(forecast("Oslo", [3.5, 4.0, 6.5, 2.0]))
print(forecast("Lisbon", [17.0, 19.5, 21.0, 18.5]))
