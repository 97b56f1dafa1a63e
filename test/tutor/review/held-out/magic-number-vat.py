# review: magic-number 3
def price_with_vat(net):
    return net + net * 0.21


def vat_amount(net):
    return net * 0.21


laptop = 850
print(f"VAT on the laptop: {vat_amount(laptop)}")
print(f"Laptop price with VAT: {price_with_vat(laptop)}")
