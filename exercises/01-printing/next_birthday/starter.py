name = input()
age = input()
print(name + " will be " + age + " on their next birthday.")
