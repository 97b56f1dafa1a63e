# review: clean
import sys


def open_log(path):
    """Open the log file at path for appending; the caller closes it."""
    return open(path, "a", encoding="utf-8")


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in lines)


def read_pairs(path):
    """Read 'name,score' lines of a class list exported by the school system."""
    pairs = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            name, score = line.rstrip("\n").split(",")
            pairs.append((name, int(score)))
    return pairs


log = open_log("events.log")
try:
    log.write("started\n")
finally:
    log.close()
write_lines("class.csv", ["Ann,17", "Bo,12"])
print(read_pairs("class.csv"), file=sys.stderr)
