# review: with-open 6
from datetime import date


def add_diary_entry(path, text):
    diary = open(path, "a")
    diary.write(f"{date.today()}: {text}\n")


add_diary_entry("diary.txt", "Went for a long walk by the river.")
add_diary_entry("diary.txt", "Finished my first Python program!")
with open("diary.txt") as f:
    print(len(f.readlines()), "entries so far")
