def differences(values):
    """Return the list of differences between each value and the next."""
    changes = []
    for i in range(len(values)):
        changes.append(values[i + 1] - values[i])
    return changes
