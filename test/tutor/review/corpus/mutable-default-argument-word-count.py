# review: mutable-default-argument 2
def count_words(text, counts={}):
    """Count how often each word appears in text."""
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


print(count_words("the cat and the hat"))
