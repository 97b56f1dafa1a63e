def greet(name):
    """Return "<greeting>, <name><mark>" (greeting "Hello" and mark "!" unless given)."""
    return "Hello, " + name + "!"
