text = input()
text.upper()
print(text)
