# review: membership-test 8
VOWELS = "aeiou"


def starts_with_vowel(word):
    first = word[0].lower()
    is_vowel = False
    for letter in VOWELS:
        if first == letter:
            is_vowel = True
            break
    return is_vowel


def article(word):
    return "an" if starts_with_vowel(word) else "a"


for thing in ["apple", "banana", "Orange"]:
    print(article(thing), thing)
