secret = int(input())
count = 0
while True:
    guess = int(input())
    count += 1
    if guess < secret:
        print("Too low")
    elif guess > secret:
        print("Too high")
    else:
        print("Correct! Guesses:", count)
        break
