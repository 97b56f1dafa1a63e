# review: clean
def first_long_name(names, length):
    """Return the first name longer than length characters, or None."""
    for name in names:
        if len(name) > length:
            return name
    return None


def ticket_numbers(queue):
    """Print each person in the queue with their ticket number and return the names seen, stopping at 'CLOSED'."""
    seen = []
    for number, person in enumerate(queue, start=1):
        if person == "CLOSED":
            break
        print(f"ticket {number}: {person}")
        seen.append(person)
    return seen


def evens_and_odds(numbers):
    """Split numbers into the even ones and the odd ones."""
    evens = []
    odds = []
    for n in numbers:
        if n % 2 == 0:
            evens.append(n)
        else:
            odds.append(n)
    return evens, odds


print(first_long_name(["Al", "Bertrand", "Cy"], 4))
print(ticket_numbers(["Ann", "Bob", "CLOSED", "Dan"]))
print(evens_and_odds([1, 2, 3, 4, 5]))
