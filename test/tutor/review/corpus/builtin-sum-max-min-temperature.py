# review: builtin-sum-max-min 5
def hottest_day(readings):
    """The highest temperature of the week."""
    hottest = readings[0]
    for temp in readings:
        if temp > hottest:
            hottest = temp
    return hottest


week = [18.5, 21.0, 24.5, 19.0, 22.5, 25.0, 20.0]
print(f"The hottest day reached {hottest_day(week)} degrees.")
