# review: none-identity 11
PHONEBOOK = {
    "Ada": "555-0101",
    "Grace": "555-0199",
}


def describe(name):
    """Say what number a friend has, if we know it."""
    number = PHONEBOOK.get(name)
    if number == None:
        return f"I don't have a number for {name}."
    return f"{name}: {number}"


print(describe("Ada"))
print(describe("Linus"))
