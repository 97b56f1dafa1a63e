# review: with-open 3
def longest_word(path):
    text = open(path).read()
    words = text.split()
    return max(words, key=len) if words else ""


with open("poem.txt", "w") as f:
    f.write("The owl and the pussycat went to sea\nin a beautiful pea-green boat\n")
print(longest_word("poem.txt"))
