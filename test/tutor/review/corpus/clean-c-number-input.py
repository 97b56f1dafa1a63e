# review: clean
import logging


def parse_quantity(text):
    """The whole number typed, or None when the text is not one."""
    try:
        return int(text)
    except ValueError:
        return None


def checked_order(lines):
    quantities = []
    for line in lines:
        quantity = parse_quantity(line)
        if quantity is None:
            logging.warning("skipping %r: not a number", line)
            continue
        quantities.append(quantity)
    return quantities


def run(lines):
    try:
        return sum(checked_order(lines))
    except Exception:
        logging.exception("could not total the order")
        raise


try:
    print(run(["3", "two", "5"]))
except Exception as error:
    print(f"Sorry, something went wrong: {error}")
