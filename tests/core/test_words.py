from newsdiff_gui.core.words import noun, plural


def test_one_is_singular_and_everything_else_plural() -> None:
    assert plural(1, "row") == "1 row"
    assert plural(2, "row") == "2 rows"
    assert plural(0, "row") == "0 rows"
    assert plural(-1, "row") == "-1 rows"
    assert plural(1, "stored version") == "1 stored version"
    assert plural(3, "stored version") == "3 stored versions"


def test_endings_and_irregular_plurals() -> None:
    assert plural(2, "match") == "2 matches"
    assert plural(2, "address") == "2 addresses"
    assert plural(2, "box") == "2 boxes"
    assert plural(2, "change", "changes") == "2 changes"
    assert plural(2, "row with a changed quote", "rows with changed quotes") == (
        "2 rows with changed quotes"
    )
    assert plural(1, "row with a changed quote", "rows with changed quotes") == (
        "1 row with a changed quote"
    )
    assert noun(1, "paragraph") == "paragraph"
    assert noun(4, "paragraph") == "paragraphs"
