# review: f-string 7
from datetime import date


def birthday_message(name, birth_year):
    age = date.today().year - birth_year
    return "Happy birthday, %s! You turn %d this year." % (name, age)


print(birthday_message("Maya", 2010))
print(birthday_message("Leo", 2005))
