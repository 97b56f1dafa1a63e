# Read the name the user types, then greet them.
name = input()

# Print the two lines here.
