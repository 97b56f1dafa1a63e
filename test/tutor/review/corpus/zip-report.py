# review: zip 7
PASS_MARK = 50


def report(students, marks):
    """One line per student saying whether they passed."""
    for i in range(len(students)):
        verdict = "passed" if marks[i] >= PASS_MARK else "needs a retake"
        print(f"{students[i]}: {marks[i]} ({verdict})")


report(["Ada", "Brian", "Chen"], [72, 45, 88])
