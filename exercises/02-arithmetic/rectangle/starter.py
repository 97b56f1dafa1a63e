width = input()
height = input()
print("Area:", width * height)
