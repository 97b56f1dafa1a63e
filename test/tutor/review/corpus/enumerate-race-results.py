# review: enumerate 4
def print_podium(runners):
    """Print each runner with their finishing place, best first."""
    for i in range(len(runners)):
        print(f"{i + 1}. {runners[i]}")


print_podium(["Ama", "Jonas", "Priya", "Leo"])
