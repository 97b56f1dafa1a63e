# review: clean
from collections import Counter


def most_common_letters(text, how_many):
    letters = Counter(ch for ch in text.lower() if ch.isalpha())
    return letters.most_common(how_many)


for letter, count in most_common_letters("Mississippi river trip", 3):
    print(f"{letter}: {count}")
