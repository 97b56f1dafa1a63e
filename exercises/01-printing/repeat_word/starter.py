word = input()
count = input()
print(word)
