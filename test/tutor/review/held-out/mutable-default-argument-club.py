# review: mutable-default-argument 2
def register_member(name, hobby, members={}):
    members[name] = hobby
    return members


register_member("Nora", "chess")
club = register_member("Eli", "painting")
for member, hobby in club.items():
    print(f"{member} likes {hobby}")
