# review: uses-with 3
def copy_without_comments(source, target):
    with open(source) as src, open(target, "w") as out:
        for line in src:
            if not line.lstrip().startswith("#"):
                out.write(line)


with open("settings.txt", "w") as f:
    f.write("# colours\nred\n# sizes\nlarge\n")
copy_without_comments("settings.txt", "clean.txt")
with open("clean.txt") as f:
    print(f.read().split())
