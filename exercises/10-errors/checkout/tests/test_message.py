from checkout import checkout


def test_the_message_names_the_unknown_product():
    try:
        checkout({"apple": 40}, ["apple", "kiwi"])
    except ValueError as error:
        assert "kiwi" in str(error), "the ValueError's message should name the unknown product"
    else:
        assert False, "checkout should raise ValueError for a product it does not know"
