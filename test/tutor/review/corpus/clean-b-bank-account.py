# review: clean
class Account:
    """A simple bank account that refuses to go below zero."""

    def __init__(self, first_name, last_name, balance=0):
        self.owner = first_name + " " + last_name
        self.balance = balance
        self.last_error = None

    def can_withdraw(self, amount):
        return 0 < amount <= self.balance

    def withdraw(self, amount):
        if not self.can_withdraw(amount):
            self.last_error = f"cannot take out {amount}"
            return False
        self.balance -= amount
        self.last_error = None
        return True

    def status(self):
        if self.last_error is not None:
            return f"{self.owner}: {self.balance} (last problem: {self.last_error})"
        return f"{self.owner}: {self.balance}"


account = Account("Grace", "Hopper", 100)
account.withdraw(30)
account.withdraw(500)
print(account.status())
