# review: clean
def summarize(expenses):
    total = sum(expenses.values())
    biggest = max(expenses, key=expenses.get)
    smallest = min(expenses.values())
    return total, biggest, smallest


october = {"rent": 650, "food": 240, "bus pass": 35, "phone": 20, "books": 60}
spent, top_category, cheapest = summarize(october)
print(f"Spent {spent} euros in total")
print(f"Most money went to {top_category}")
print(f"The smallest expense was {cheapest} euros")
