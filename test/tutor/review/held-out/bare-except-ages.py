# review: bare-except 7
def parse_ages(entries):
    ages = []
    for entry in entries:
        try:
            ages.append(int(entry))
        except:
            print(f"Skipping '{entry}', it is not a number")
    return ages


form_answers = ["12", "fourteen", "9", "", "15"]
valid = parse_ages(form_answers)
print(f"Valid ages: {valid}")
