# review: enumerate 8
HEATWAVE = 30


def hot_days(temperatures):
    """Return how many days were at or above the heatwave temperature."""
    count = 0
    for day in range(len(temperatures)):
        if temperatures[day] >= HEATWAVE:
            count += 1
    return count


week = [24, 31, 33, 29, 30, 22, 19]
print(hot_days(week), "hot days this week")
