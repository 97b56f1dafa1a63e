# review: collections-counter 5
def word_counts(text):
    """Return how many times each word appears in text, ignoring case and full stops."""
    counts = {}
    for word in text.lower().split():
        word = word.strip(".,!?")
        if word in counts:
            counts[word] += 1
        else:
            counts[word] = 1
    return counts


print(word_counts("The cat sat. The dog sat too!"))
