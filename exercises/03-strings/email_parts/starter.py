def email_parts(address):
    """Return (user, domain) of address, with the domain in lower case and outer spaces removed."""
    address.strip()
    user, domain = address.split("@")
    return user, domain
