import sys

for line in sys.stdin:
    name, score = line.split()
    print(name + ": " + score)
