import sys

total = 0
skipped = 0
for line in sys.stdin:
    try:
        total += int(line)
    except ValueError:
        skipped += 1
print("total:", total)
print("skipped:", skipped)
