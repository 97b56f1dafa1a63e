number = int(input())
if number > 0:
    print("positive")
elif number < 0:
    print("negative")
else:
    print("zero")
