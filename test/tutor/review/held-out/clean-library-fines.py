# review: clean
DAILY_FINE = 0.25
days_late = {"Matilda": 3, "The Hobbit": 0, "Holes": 7}


def fine_for(title):
    days = days_late.get(title)
    if days is None:
        return None
    return days * DAILY_FINE


for book in ["Holes", "Matilda", "Dune"]:
    fine = fine_for(book)
    if fine is None:
        print(f"{book} was never borrowed")
    else:
        print(f"{book}: {fine:.2f} euros")
