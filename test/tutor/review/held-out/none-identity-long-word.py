# review: none-identity 11
def first_long_word(words, min_length):
    for word in words:
        if len(word) >= min_length:
            return word
    return None


sentence = "the quick brown fox jumps over the lazy dog"
match = first_long_word(sentence.split(), 5)
if match != None:
    print(f"First long word: {match}")
