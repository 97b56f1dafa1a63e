# review: f-string 8
def greet(name, age, city):
    """Welcome a new member of the club."""
    if not name:
        return "Welcome, whoever you are!"
    first = name.strip().title()
    place = city.strip().title()
    message = "Hello " + first + ", you are " + str(age) + " and live in " + place
    return message + "."


print(greet("ada", 36, "london"))
print(greet("", 20, "paris"))
