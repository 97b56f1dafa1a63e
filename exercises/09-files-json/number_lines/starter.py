line = input()
print("0:", line)
