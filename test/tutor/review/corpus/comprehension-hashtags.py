# review: comprehension 5
def hashtags(words):
    """Turn each word into a lower-case hashtag."""
    tags = []
    for word in words:
        tags.append("#" + word.lower())
    return tags


print(" ".join(hashtags(["Sunset", "Beach", "NoFilter"])))
