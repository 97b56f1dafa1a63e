# review: global-statement 6
total_steps = 0


def add_walk(steps):
    global total_steps
    total_steps = total_steps + steps


add_walk(3200)
add_walk(4500)
add_walk(1800)
print(f"You walked {total_steps} steps today")
