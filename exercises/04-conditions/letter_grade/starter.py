def letter_grade(score):
    """Return the letter grade (A, B, C, D or F) for a score from 0 to 100."""
    if score > 90:
        letter = "A"
    elif score > 80:
        letter = "B"
    elif score > 70:
        letter = "C"
    elif score > 60:
        letter = "D"
    return letter
