# review: zip 6
def count_correct(answers, key):
    """How many of a student's multiple-choice answers match the answer key."""
    correct = 0
    wrong_letters = set()
    for q in range(len(key)):
        if answers[q] == key[q]:
            correct += 1
        else:
            wrong_letters.add(answers[q])
    return correct, sorted(wrong_letters)


score, missed = count_correct(["a", "c", "b", "d"], ["a", "b", "b", "d"])
print(f"{score} right; wrong picks: {missed}")
