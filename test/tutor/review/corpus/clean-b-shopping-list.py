# review: clean
BUDGET = 50


def parse_item(line):
    """'apples, 3.20' -> ('apples', 3.2); None when the price can't be read."""
    name, _, price = line.partition(",")
    try:
        return name.strip(), float(price)
    except ValueError:
        return None


def affordable(items):
    total = sum(price for _name, price in items)
    return total <= BUDGET


def print_list(items):
    for name, price in items:
        print(f"- {name}: {price:.2f}")


lines = ["apples, 3.20", "bread, 2.10", "cake, lots"]
items = [item for item in map(parse_item, lines) if item is not None]
print_list(items)
print("Within budget" if affordable(items) else "Too expensive")
for _ in range(2):
    print("*" * 10)
