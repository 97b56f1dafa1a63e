# review: builtin-sum-max-min 5
def sum_of_squares(limit):
    """1*1 + 2*2 + ... + limit*limit."""
    result = 0
    for n in range(1, limit + 1):
        result = result + n * n
    return result


for size in (3, 10):
    print(f"Squares up to {size}: {sum_of_squares(size)}")
