while True:
    line = input()
    try:
        number = int(line)
    except ValueError:
        print(f'"{line}" is not a whole number, try again.')
        continue
    print("Thank you:", number)
    break
