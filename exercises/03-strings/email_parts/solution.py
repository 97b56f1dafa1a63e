def email_parts(address):
    """Return (user, domain) of address, with the domain in lower case and outer spaces removed."""
    user, domain = address.strip().split("@")
    return user, domain.lower()
