# review: builtin-sum-max-min 6
def longest_word(sentence):
    """The longest word of a sentence (the first one, if several are as long)."""
    words = sentence.split()
    longest = ""
    for word in words:
        if len(word) > len(longest):
            longest = word
    return longest


print(longest_word("the quick brown fox jumps over the lazy dog"))
print(longest_word("python is fun"))
