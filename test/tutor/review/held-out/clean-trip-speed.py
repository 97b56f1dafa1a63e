# review: clean
def parse_hours(text):
    try:
        return float(text)
    except ValueError:
        return None


trips = [("school", 3.2, "0.25"), ("grandma", 45, "0.75"), ("lake", 12, "soon")]
for place, km, hours_text in trips:
    hours = parse_hours(hours_text)
    if hours is None:
        print(f"Trip to {place}: couldn't read the time '{hours_text}'")
    else:
        print(f"Trip to {place}: {km / hours:.1f} km/h")
