def collatz_steps(n):
    """Return how many steps of the 3n + 1 rule take n down to 1."""
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n * 3 + 1
        steps += 1
    return steps
