# review: clean
def fizzbuzz(n):
    if n % 3 == 0 and n % 5 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)


def board(size):
    """A size-by-size board of dots, with the corners marked."""
    rows = [["."] * size for _ in range(size)]
    rows[0][0] = rows[0][size - 1] = "#"
    rows[size - 1][0] = rows[size - 1][size - 1] = "#"
    return "\n".join("".join(row) for row in rows)


print(" ".join(fizzbuzz(n) for n in range(1, 16)))
print(board(3))
print(board(8))
