# review: compare-to-bool 3
def is_even(number):
    if number % 2 == 0:
        return True
    else:
        return False


def split_even_odd(numbers):
    evens = [n for n in numbers if is_even(n)]
    odds = [n for n in numbers if not is_even(n)]
    return evens, odds


print(split_even_odd([1, 2, 3, 4, 5, 6, 7]))
