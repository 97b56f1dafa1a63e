word = input()
count = int(input())
print((word + " ") * count)
