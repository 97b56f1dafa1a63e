# review: none-identity 17
class Ticket:
    def __init__(self, number, next_ticket=None):
        self.number = number
        self.next_ticket = next_ticket


class Queue:
    """People waiting at the bakery, first come first served."""

    def __init__(self):
        self.first = None
        self.last = None

    def join(self, number):
        ticket = Ticket(number)
        if self.last == None:
            self.first = ticket
        else:
            self.last.next_ticket = ticket
        self.last = ticket

    def serve(self):
        ticket = self.first
        if ticket is None:
            return None
        self.first = ticket.next_ticket
        if self.first is None:
            self.last = None
        return ticket.number


shop = Queue()
shop.join(1)
shop.join(2)
print(shop.serve(), shop.serve(), shop.serve())
