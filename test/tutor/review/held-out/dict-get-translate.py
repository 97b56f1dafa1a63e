# review: dict-get 6
SPANISH = {"hello": "hola", "cat": "gato", "house": "casa", "water": "agua"}


def translate_word(word):
    if word in SPANISH:
        translation = SPANISH[word]
    else:
        translation = word
    return translation


def translate_sentence(sentence):
    return " ".join(translate_word(w) for w in sentence.lower().split())


print(translate_sentence("Hello cat"))
print(translate_sentence("The cat drinks water"))
