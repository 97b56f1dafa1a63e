def apply_transactions(balance, transactions):
    """Return the balance after applying transactions to balance, skipping withdrawals that overdraw."""
    for amount in transactions:
        if balance + amount >= 0:
            balance += amount
    return balance
