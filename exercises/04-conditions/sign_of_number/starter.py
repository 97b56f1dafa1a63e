number = input()
if number > 0:
    print("positive")
