# review: f-string 16
QUESTIONS = [
    ("What is 3 + 4?", "7"),
    ("What colour is the sky?", "blue"),
    ("How many legs does a spider have?", "8"),
]


def run_quiz(answers):
    """Mark a list of answers against the questions."""
    correct = 0
    for (question, expected), given in zip(QUESTIONS, answers):
        if given.strip().lower() == expected:
            correct += 1
    percent = correct * 100 // len(QUESTIONS)
    print("You got %d out of %d right (%d%%)" % (correct, len(QUESTIONS), percent))
    return correct


run_quiz(["7", "Blue", "6"])
