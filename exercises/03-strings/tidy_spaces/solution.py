words = input().split()
print(" ".join(words))
print(len(words), "words")
