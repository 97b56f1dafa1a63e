# review: none-identity 7
PHONEBOOK = {"mum": "555-0101", "dad": "555-0102", "pizza place": "555-0199"}


def call(contact):
    number = PHONEBOOK.get(contact)
    if number == None:
        print(f"No number saved for {contact}.")
    else:
        print(f"Calling {contact} at {number}...")


call("mum")
call("dentist")
