# review: clean
SHIFT = 3
LETTERS = 26


def caesar(text):
    """Shift every letter of text three places along the alphabet, keeping everything else."""
    result = ""
    for ch in text:
        if ch.isalpha():
            base = ord("a") if ch.islower() else ord("A")
            result += chr((ord(ch) - base + SHIFT) % LETTERS + base)
        else:
            result += ch
    return result


def wrap(words, width):
    """Put the words on lines of at most width characters."""
    lines = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


def star_bar(count):
    return "*" * count


print(caesar("Hello, World!"))
print(wrap("the rain in spain stays mainly in the plain".split(), 15))
print(star_bar(5))
