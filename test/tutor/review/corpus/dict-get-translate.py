# review: dict-get 8
SPANISH = {"hello": "hola", "cat": "gato", "house": "casa", "thank you": "gracias"}


def translate(word):
    """Return the Spanish for word, or the word itself when the dictionary doesn't know it."""
    word = word.lower()
    if word not in SPANISH:
        return word
    return SPANISH[word]


for w in ["Hello", "cat", "computer"]:
    print(translate(w))
