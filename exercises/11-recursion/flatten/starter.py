def flatten(nested, result=[]):
    """Return a flat list of the non-list values in nested, in order."""
    for item in nested:
        if isinstance(item, list):
            flatten(item, result)
        else:
            result.append(item)
    return result
