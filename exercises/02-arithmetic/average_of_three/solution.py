a = int(input())
b = int(input())
c = int(input())
print(f"{(a + b + c) / 3:.2f}")
