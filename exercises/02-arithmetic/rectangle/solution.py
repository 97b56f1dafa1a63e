width = int(input())
height = int(input())
print("Area:", width * height)
print("Perimeter:", 2 * (width + height))
