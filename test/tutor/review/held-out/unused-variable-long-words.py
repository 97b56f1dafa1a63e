# review: unused-variable 4
def count_long_words(text, min_length):
    words = text.split()
    shortest = min(words, key=len)
    return len([w for w in words if len(w) >= min_length])


essay = "Reading books every evening makes learning wonderfully easy"
print(f"Long words: {count_long_words(essay, 7)}")
