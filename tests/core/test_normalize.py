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


def _fingerprint(paragraph: str) -> str:
    return content_fingerprint("Title", None, [paragraph, "Body text."])


def test_the_date_of_the_pages_own_update_note_never_counts() -> None:
    notes = [
        (
            "We updated this article on 27 November 2025. Our editors refresh round-ups.",
            "We updated this article on 28 November 2025. Our editors refresh round-ups.",
        ),
        (
            "Editor's Note: This guide was last reviewed on February 2, 2026, to add tents.",
            "Editor's Note: This guide was last reviewed on February 3, 2026, to add tents.",
        ),
        # Glued before the paragraph by the page ("…2024If you are …").
        (
            "Updated: December 9, 2024If you are serving food at your reception, ask early.",
            "Updated: December 10, 2024If you are serving food at your reception, ask early.",
        ),
    ]
    for before, after in notes:
        assert _fingerprint(before) == _fingerprint(after)
    # The note's own words stay compared.
    assert _fingerprint(notes[0][0]) != _fingerprint(
        notes[0][0].replace("refresh round-ups", "rewrote the picks")
    )


def test_a_storys_own_dates_stay_compared() -> None:
    for sentence, date, new_date in [
        ("The law was updated on March 3, 2024 after a vote.", "March 3", "March 4"),
        ("Officials updated this list on March 3, 2024.", "March 3", "March 4"),
        ("Updated figures from 3 March 2024 show a rise.", "3 March", "4 March"),
    ]:
        assert _fingerprint(sentence) != _fingerprint(sentence.replace(date, new_date))


def test_the_update_note_check_is_linear_on_hostile_input() -> None:
    import time

    started = time.monotonic()
    for line in ["we updated this article on " * 500 + "1" * 5000, "updated " + "1/" * 20000]:
        _fingerprint(line)
    # A sanity bound only: a backtracking pattern takes minutes on these lines.
    assert time.monotonic() - started < 5
