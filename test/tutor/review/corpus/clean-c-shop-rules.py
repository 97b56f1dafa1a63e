# review: clean
VAT_RATE = 0.2
FREE_DELIVERY_FROM = 40
DELIVERY_FEE = 4.99


def with_vat(net):
    return round(net * (1 + VAT_RATE), 2)


def vat_part(net):
    return round(net * VAT_RATE, 2)


def delivery(total):
    return 0 if total >= FREE_DELIVERY_FROM else DELIVERY_FEE


def checkout(basket, coupons=None, notes=()):
    """The amount to pay for a basket of (name, net price) pairs."""
    coupons = [] if coupons is None else coupons
    total = sum(with_vat(price) for _name, price in basket)
    for coupon in coupons:
        total -= coupon
    for note in notes:
        print("Note:", note)
    return round(total + delivery(total), 2)


print(checkout([("lamp", 25.0), ("bulbs", 6.5)], notes=("gift wrap",)))
print(vat_part(25.0))
