# This program has a mistake in it: run it, read the error, fix it, then finish the program.
first = input()
second = input()
print(frist)
