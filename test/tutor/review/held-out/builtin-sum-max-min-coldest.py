# review: builtin-sum-max-min 4
def coldest(temperatures):
    lowest = temperatures[0]
    for t in temperatures:
        if t < lowest:
            lowest = t
    return lowest


nights = [4, -2, 1, -5, 3]
print(f"The coldest night was {coldest(nights)} degrees")
