# review: enumerate 3
def first_rainy_day(forecast):
    for day in range(0, len(forecast)):
        if forecast[day] == "rain":
            return day
    return None


week = ["sunny", "cloudy", "sunny", "rain", "rain", "sunny", "cloudy"]
index = first_rainy_day(week)
if index is None:
    print("No rain this week, leave the umbrella at home.")
else:
    print(f"Take an umbrella in {index} days.")
