minutes = int(input())
hours = minutes / 60
print(hours, "h", minutes, "min")
