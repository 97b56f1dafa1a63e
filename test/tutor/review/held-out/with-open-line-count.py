# review: with-open 11
POEM_PATH = "/tmp/poem.txt"


def write_poem():
    with open(POEM_PATH, "w") as poem:
        poem.write("Roses are red\nViolets are blue\nPython is fun\nAnd so are you\n")


def count_lines(path):
    f = open(path)
    lines = f.readlines()
    f.close()
    return len(lines)


write_poem()
print(f"The poem has {count_lines(POEM_PATH)} lines.")
