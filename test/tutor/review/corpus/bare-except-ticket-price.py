# review: bare-except 8
def read_ages(lines):
    """Turn each typed line into an age, skipping lines that are not whole numbers."""
    ages = []
    for line in lines:
        try:
            ages.append(int(line.strip()))
        except:
            continue
    return ages


def ticket_total(ages):
    return sum(5 if age < 16 else 9 for age in ages)


print(ticket_total(read_ages(["34", "12", "twelve", " 70 "])))
