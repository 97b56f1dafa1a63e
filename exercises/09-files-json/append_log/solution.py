def add_entry(path, text):
    """Append text as a new line at the end of the file at path (creating it if needed)."""
    with open(path, "a") as file:
        file.write(text + "\n")
