# review: collections-counter 4
def word_frequencies(text):
    counts = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


lyrics = "La la la sing a song sing along la"
freq = word_frequencies(lyrics)
for word, n in sorted(freq.items()):
    print(f"{word}: {n}")
