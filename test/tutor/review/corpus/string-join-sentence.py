# review: string-join 5
def make_sentence(words):
    """Join the words into one sentence that starts with a capital and ends with a full stop."""
    sentence = ""
    for word in words:
        sentence += word + " "
    sentence = sentence.strip()
    return sentence.capitalize() + "."


print(make_sentence(["the", "quick", "brown", "fox"]))
