line = input()
number = int(line)
print("Thank you:", number)
