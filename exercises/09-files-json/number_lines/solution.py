import sys

for number, line in enumerate(sys.stdin, start=1):
    text = line.rstrip("\n")
    print(f"{number}: {text}")
