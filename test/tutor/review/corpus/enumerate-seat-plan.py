# review: enumerate 5
def seat_numbers(guests):
    """Return a dictionary giving each guest's seat number, counting from 0 at the head of the table."""
    seats = {}
    for n in range(0, len(guests)):
        guest = guests[n]
        seats[guest] = n
    return seats


plan = seat_numbers(["Grandma", "Tom", "Aisha", "Uncle Raj"])
print(plan["Aisha"])
