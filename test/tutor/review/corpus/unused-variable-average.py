# review: unused-variable 6
def class_average(marks):
    """The average mark, or 0 for an empty class."""
    if not marks:
        return 0
    highest = max(marks)
    average = sum(marks) / len(marks)
    return round(average, 1)


print(class_average([12, 15, 9, 18]))
print(class_average([]))
