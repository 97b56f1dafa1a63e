text = input()
print(text)
print(text.upper())
print(text.lower())
