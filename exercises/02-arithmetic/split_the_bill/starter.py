def split_bill(total, people):
    """Return (each person's share, cents left over) for a bill of `total` cents shared by `people`."""
    share = total / people
    print(share)
