left = int(input())
for coin in [50, 20, 10, 5, 2, 1]:
    print(f"{coin}: {left // coin}")
    left = left % coin
