# review: zip 4
def print_forecast(days, temps):
    i = 0
    while i < len(days):
        print(f"{days[i]}: {temps[i]} degrees")
        i += 1


print_forecast(["Mon", "Tue", "Wed"], [17, 20, 15])
