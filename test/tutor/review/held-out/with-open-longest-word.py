# review: with-open 12
STORY_PATH = "/tmp/dragon_story.txt"


def make_story():
    with open(STORY_PATH, "w") as story:
        story.write("Once upon a time a small dragon learned to code.\n")
        story.write("The dragon wrote a game about a brave knight.\n")


def longest_word(path):
    text = open(path).read()
    words = text.split()
    return max(words, key=len)


make_story()
print(f"Longest word in the story: {longest_word(STORY_PATH)}")
