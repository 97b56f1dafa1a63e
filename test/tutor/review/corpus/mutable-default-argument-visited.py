# review: mutable-default-argument 7
ROADS = {"Leeds": ["York", "Hull"], "York": ["Hull"], "Hull": []}


def reachable(town,
              roads,
              seen=set()):
    """Every town you can drive to from town."""
    seen.add(town)
    for nxt in roads[town]:
        if nxt not in seen:
            reachable(nxt, roads, seen)
    return seen


print(sorted(reachable("Leeds", ROADS)))
