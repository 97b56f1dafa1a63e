def total_price(path):
    """Return the sum of the cents column of the price list file at path (after its header line)."""
    total = 0
    with open(path) as file:
        for line in file:
            name, cents = line.strip().split(",")
            total += cents
    return total
