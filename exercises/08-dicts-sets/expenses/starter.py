def totals_by_category(purchases):
    """Return a dict from each category to the sum of its amounts."""
    totals = {}
    for category, amount in purchases:
        totals[category] = amount
    return totals
