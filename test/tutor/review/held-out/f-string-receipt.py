# review: f-string 4
def receipt_line(item, quantity, unit_price):
    total = quantity * unit_price
    return item + " x" + str(quantity) + " = " + str(total) + " euros"


print(receipt_line("notebook", 3, 2))
print(receipt_line("pen", 5, 1))
