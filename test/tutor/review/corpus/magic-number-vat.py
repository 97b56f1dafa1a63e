# review: magic-number 4
def receipt_line(name, net_price):
    """One line of a receipt: the item, its VAT and its price with VAT."""
    vat = net_price * 0.2
    gross = net_price + net_price * 0.2
    return f"{name:<10} VAT {vat:6.2f}  total {gross:6.2f}"


for item, price in [("Kettle", 24.99), ("Toaster", 31.50)]:
    print(receipt_line(item, price))
