def total_price(path):
    """Return the sum of the cents column of the price list file at path (after its header line)."""
    total = 0
    with open(path) as file:
        lines = file.read().splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        _name, cents = line.strip().split(",")
        total += int(cents)
    return total
