# review: bare-except 6
def slices_each(slices, people):
    share = 0
    try:
        share = slices // people
    except Exception:
        pass
    return share


pizza = 12
print(f"With 4 friends everyone gets {slices_each(pizza, 4)} slices")
print(f"With nobody around: {slices_each(pizza, 0)} slices")
