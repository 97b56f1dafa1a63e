number = int(input())
for i in range(1, 10):
    product = number * i
print(number, "x", i, "=", product)
