# review: zip 4
def build_gradebook(students, grades):
    gradebook = {}
    for k in range(len(students)):
        gradebook[students[k]] = grades[k]
    return gradebook


book = build_gradebook(["Lina", "Omar", "Zoe"], ["B", "A", "A-"])
for student, grade in book.items():
    print(f"{student} got {grade}")
