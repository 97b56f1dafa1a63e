word = input()
print(f"Your word is {word}.")
print(f"It has {len(word)} letters.")
print(f"It starts with {word[0]} and ends with {word[-1]}.")
