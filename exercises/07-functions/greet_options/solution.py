def greet(name, greeting="Hello", mark="!"):
    """Return "<greeting>, <name><mark>" (greeting "Hello" and mark "!" unless given)."""
    return f"{greeting}, {name}{mark}"
