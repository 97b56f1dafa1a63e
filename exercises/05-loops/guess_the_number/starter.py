secret = input()
guess = input()
count = 1
while guess != secret:
    if guess < secret:
        print("Too low")
    else:
        print("Too high")
print("Correct! Guesses:", count)
