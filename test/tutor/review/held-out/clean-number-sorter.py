# review: clean
def square_evens(numbers):
    return [n * n for n in numbers if n % 2 == 0]


def split_by_sign(numbers):
    positives = []
    negatives = []
    for n in numbers:
        if n >= 0:
            positives.append(n)
        else:
            negatives.append(n)
    return positives, negatives


readings = [4, -3, 7, 0, -8, 2]
print(f"Squares of the even readings: {square_evens(readings)}")
ups, downs = split_by_sign(readings)
print(f"Non-negative: {ups}, negative: {downs}")
