# review: unused-variable 3
def final_price(price, is_member):
    discount = 0.1
    if is_member:
        return round(price * 0.9, 2)
    return price


ticket = 20.0
print(f"Members pay {final_price(ticket, True)}")
print(f"Guests pay {final_price(ticket, False)}")
