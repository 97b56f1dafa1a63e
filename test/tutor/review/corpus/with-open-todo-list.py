# review: with-open 4
def read_todo(path):
    """Return the tasks in the to-do file at path, one per line, without blank lines."""
    todo_file = open(path)
    tasks = [line.strip() for line in todo_file if line.strip()]
    todo_file.close()
    return tasks


with open("todo.txt", "w") as f:
    f.write("buy milk\n\nwater the plants\ncall Sam\n")
print(read_todo("todo.txt"))
