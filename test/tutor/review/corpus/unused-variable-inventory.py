# review: unused-variable 8
STOCK = {"apples": 12, "pears": 0, "plums": 7}


def print_stock(stock):
    """Show what is in the shop, marking what has run out."""
    print("In stock today:")
    shown = 0
    for fruit in sorted(stock):
        amount = stock[fruit]
        note = "SOLD OUT" if amount == 0 else f"{amount} left"
        print(f"  {fruit:<8} {note}")
        shown += 1


print_stock(STOCK)
