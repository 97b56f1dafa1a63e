amount = int(input())
print("50:", amount // 50)
print("20:", amount // 20)
