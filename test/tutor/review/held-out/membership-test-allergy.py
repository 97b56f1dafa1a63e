# review: membership-test 3
def contains_allergen(ingredients, allergen):
    for ingredient in ingredients:
        if ingredient == allergen:
            return True
    return False


cookie_recipe = ["flour", "sugar", "butter", "peanuts", "eggs"]
allergy = "peanuts"
if contains_allergen(cookie_recipe, allergy):
    print(f"Warning: these cookies contain {allergy}!")
else:
    print(f"These cookies are free of {allergy}.")
