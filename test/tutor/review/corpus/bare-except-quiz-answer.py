# review: bare-except 12
QUESTIONS = [("How many legs does a spider have?", 8), ("What is 7 times 6?", 42)]


def score_answers(answers):
    """Count how many typed answers match the right numbers; blank or non-number answers score nothing."""
    score = 0
    for (question, right), typed in zip(QUESTIONS, answers):
        try:
            if int(typed) == right:
                score += 1
        except:
            pass
    return score


print(score_answers(["8", "forty-two"]))
print(score_answers(["8", "42"]))
