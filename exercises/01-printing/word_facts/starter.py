word = input()
print("Your word is " + word + ".")
print("It has " + len(word) + " letters.")
print("It starts with " + word[0] + " and ends with " + word[len(word)] + ".")
