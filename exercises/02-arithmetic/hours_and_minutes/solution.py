total = int(input())
print(total // 60, "h", total % 60, "min")
