# review: mutable-default-argument 5
class Team:
    """A sports team with a name and its players."""

    def __init__(self, name, players=[]):
        self.name = name
        self.players = players

    def sign(self, player):
        self.players.append(player)


reds = Team("Reds")
reds.sign("Alex")
print(reds.name, reds.players)
