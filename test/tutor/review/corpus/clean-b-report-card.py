# review: clean
PASS_MARK = 50


def report_card(names, marks):
    """One line per pupil, then the class summary."""
    lines = [f"{name:<8}{mark:>4}" for name, mark in zip(names, marks)]
    best_mark = max(marks)
    top = [name for name, mark in zip(names, marks) if mark == best_mark]
    passed = sum(1 for mark in marks if mark >= PASS_MARK)
    lines.append(f"Average: {sum(marks) / len(marks):.1f}")
    lines.append(f"Top of the class: {', '.join(top)}")
    lines.append(f"{passed} of {len(marks)} passed")
    return "\n".join(lines)


def is_enrolled(name, names):
    return name in names


pupils = ["Ada", "Bea", "Cyril"]
print(report_card(pupils, [71, 48, 71]))
print(is_enrolled("Bea", pupils))
