from add_score import add_score


def test_a_refused_score_leaves_the_book_unchanged():
    book = {"Ada": [90]}
    try:
        add_score(book, "Gus", -5)
    except ValueError:
        pass
    else:
        assert False, "add_score should raise ValueError for a score of -5"
    assert book == {"Ada": [90]}, "after a refused score the book should be unchanged, with no empty list for Gus"
