# review: json-serialization 7
SAVE_PATH = "/tmp/adventure_save.txt"


def save_game(name, level, items):
    with open(SAVE_PATH, "w") as save_file:
        save_file.write(f"{name}|{level}|{','.join(items)}")


def load_game():
    with open(SAVE_PATH) as save_file:
        name, level, items = save_file.read().split("|")
    return name, int(level), items.split(",")


save_game("Robin", 4, ["sword", "lamp", "rope"])
hero, stage, backpack = load_game()
print(f"{hero} is on level {stage} carrying {len(backpack)} items")
