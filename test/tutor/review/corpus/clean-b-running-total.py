# review: clean
def running_totals(deposits):
    """The balance after each deposit, starting from nothing."""
    balance = 0
    history = []
    for amount in deposits:
        balance += amount
        history.append(balance)
    return history


def largest_jump(readings):
    """The biggest rise between two readings in a row."""
    biggest = 0
    previous = readings[0]
    for value in readings[1:]:
        if value - previous > biggest:
            biggest = value - previous
        previous = value
    return biggest


print(running_totals([20, 5, 12]))
print(largest_jump([3, 7, 6, 12, 11]))
