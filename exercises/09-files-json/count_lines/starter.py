def count_lines(path):
    """Return the number of lines in the text file at path."""
    with open(path) as file:
        text = file.read()
    return len(text.split("\n"))
