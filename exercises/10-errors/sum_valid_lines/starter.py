import sys

for line in sys.stdin:
    total = 0
    total += int(line)
print("total:", total)
