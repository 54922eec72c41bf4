from newsdiff_gui.core.normalize import (
    clean_text,
    content_fingerprint,
    fold_typography,
    is_dateline_noise,
)


def test_invisible_and_odd_spaces_never_count() -> None:
    assert clean_text("Seven\u00a0people  were\u200b hurt\u00ad.\n") == "Seven people were hurt."
    assert clean_text("a\u202fb") == "a b"


def test_every_unicode_space_parts_words_once() -> None:
    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    assert {"\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u3000", "\x1f"} <= set(spaces)
    for space in spaces:
        assert clean_text(f"{space}Seven{space}{space}people{space}") == "Seven people", hex(
            ord(space)
        )
    # Not spaces: the text is not parted there (a zero-width space is noise, dropped).
    assert clean_text("a\u200bb") == "ab"
    assert clean_text("a\u00b7b") == "a\u00b7b"


def test_typography_folds_quotes_dashes_and_case() -> None:
    assert fold_typography("\u201cWe\u2019re sorry\u201d \u2014 Mayor") == fold_typography(
        '"We\'re sorry" - mayor'
    )
    assert fold_typography("seven") != fold_typography("eight")


def test_dateline_noise_is_recognised() -> None:
    for line in [
        "Updated 10:47",
        "Updated 10:47 GMT",
        "Last updated: 3 hours ago",
        "Published 12 March 2024, 09:15",
        "Mon 4 Mar 2024 10.47 GMT",
    ]:
        assert is_dateline_noise(line), line
    for line in [
        "The mayor updated the council at 10:47 on Monday.",
        "Seven people died.",
        "Updated",
    ]:
        assert not is_dateline_noise(line), line


def test_fingerprint_ignores_datelines_and_whitespace() -> None:
    a = content_fingerprint("Title", None, ["Updated 10:47", "Body  text."])
    b = content_fingerprint("Title ", None, ["Updated 11:02 GMT", "Body\u00a0text."])
    assert a == b
    assert a != content_fingerprint("Title", None, ["Body text changed."])


def test_dateline_check_is_linear_on_hostile_input() -> None:
    import time

    started = time.monotonic()
    for line in ["1234 " * 8 + "x1", "1" * 30 + "x", "12:34 " * 20 + "?", "9" * 119 + "a"]:
        assert not is_dateline_noise(line)
    # A sanity bound only: a backtracking pattern takes minutes on these lines, not seconds.
    assert time.monotonic() - started < 5
