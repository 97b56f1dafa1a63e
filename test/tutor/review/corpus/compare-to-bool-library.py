# review: compare-to-bool 9
class Book:
    def __init__(self, title, author):
        self.title = title
        self.author = author
        self.on_loan = False

    def available(self):
        return True if not self.on_loan else False

    def lend(self):
        if self.available():
            self.on_loan = True
            return f"You borrowed {self.title}."
        return f"Sorry, {self.title} is already out."


book = Book("Dune", "Frank Herbert")
print(book.lend())
print(book.lend())
