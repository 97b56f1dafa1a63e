balance = 0


def apply_transactions(start, transactions):
    """Return the balance after applying transactions to start, skipping withdrawals that overdraw."""
    for amount in transactions:
        balance += amount
    return balance
