# review: clean
NOTES_PATH = "/tmp/meeting_notes.txt"


def read_until(lines, stop_word):
    agenda = []
    for line in lines:
        text = line.strip()
        if text == stop_word:
            break
        agenda.append(text)
    return agenda


with open(NOTES_PATH, "w") as notes:
    notes.write("buy snacks\nbook the room\nSTOP\nold item from last week\n")

with open(NOTES_PATH) as notes:
    items = read_until(notes, "STOP")

for number, item in enumerate(items, start=1):
    print(f"{number}. {item}")
