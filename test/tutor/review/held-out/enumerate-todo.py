# review: enumerate 4
def show_todos(todos):
    print("Things to do today:")
    for i in range(len(todos)):
        print(f"{i + 1}. {todos[i]}")


my_list = ["buy groceries", "call grandma", "finish homework", "water the plants"]
show_todos(my_list)
