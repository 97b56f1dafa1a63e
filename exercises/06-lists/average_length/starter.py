def average_length(words):
    """Return the average length of the words, rounded to 2 decimal places (0.0 for no words)."""
    lengths = []
    for word in words:
        lengths.append(len(word))
    # Add up the lengths, divide by how many words there are, and round to 2 decimal places.
