# review: unused-variable 5
def draw_box(width, height, symbol="#"):
    """Print a filled rectangle made of one symbol."""
    line = symbol * width
    for row in range(height):
        print(line)


draw_box(6, 3)
print()
draw_box(2, 2, "*")
