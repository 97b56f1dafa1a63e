def count_lines(path):
    """Return the number of lines in the text file at path."""
    count = 0
    with open(path) as file:
        for _line in file:
            count += 1
    return count
