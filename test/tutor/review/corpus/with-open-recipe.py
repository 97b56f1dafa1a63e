# review: with-open 4
def show_recipe(path):
    """Print the recipe in the file at path, leaving out the lines that start with # (the cook's notes)."""
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        print(line.rstrip())


with open("pancakes.txt", "w", encoding="utf-8") as f:
    f.write("Pancakes\n# try oat milk next time\n200 g flour\n2 eggs\n300 ml milk\n")
show_recipe("pancakes.txt")
