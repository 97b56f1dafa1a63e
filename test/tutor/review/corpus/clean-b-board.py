# review: clean
SIZE = 3


def empty_board():
    return [[" "] * SIZE for _ in range(SIZE)]


def winner_of_row(row):
    """The player who owns the whole row, or None."""
    if row[0] != " " and row.count(row[0]) == len(row):
        return row[0]
    return None


def smooth(values):
    """Each value replaced by the average of itself and the next one (the last one stays)."""
    result = list(values)
    for i in range(len(values) - 1):
        result[i] = (values[i] + values[i + 1]) / 2
    return result


def add_bonus(scores, bonuses):
    for i in range(len(scores)):
        scores[i] += bonuses[i]


board = empty_board()
board[1] = ["X", "X", "X"]
print([winner_of_row(row) for row in board])
print(smooth([2, 4, 8]))
team = [10, 20]
add_bonus(team, [1, 2])
print(team)
