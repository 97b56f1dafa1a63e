# review: uses-with 6
from datetime import date


def write_entry(path, text):
    with open(path, "a", encoding="utf-8") as diary:
        diary.write(f"{date.today()}: {text}\n")


def count_entries(path):
    with open(path, encoding="utf-8") as diary:
        return sum(1 for line in diary if line.strip())


write_entry("diary.txt", "Planted the tomatoes.")
print(count_entries("diary.txt"), "entries")
