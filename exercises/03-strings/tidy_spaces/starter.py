line = input()
line.strip()
print(line)
