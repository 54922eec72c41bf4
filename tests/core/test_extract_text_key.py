"""text_key: letters and digits, case-folded; a block's key is kept, a whole box's is not."""

from __future__ import annotations

from newsdiff_gui.core.extract import text_key as module
from newsdiff_gui.core.extract.text_key import text_key


def test_the_key_ignores_spacing_punctuation_and_case() -> None:
    assert text_key("Straße, 14 — “Nord”!") == "strasse14nord"
    assert text_key("STRASSE 14 nord") == text_key("Straße, 14 — “Nord”!")
    assert text_key("") == "" and text_key(" — ") == ""


def test_a_short_texts_key_is_kept_and_a_long_texts_is_not() -> None:
    module._cached_key.cache_clear()
    block = "The harbour authority approved a plan on Tuesday."
    assert text_key(block) == text_key(block) == "theharbourauthorityapprovedaplanontuesday"
    assert module._cached_key.cache_info().hits == 1
    box = "Word, " * 1000  # a whole box's text: keyed each time, never kept
    assert text_key(box) == "word" * 1000
    assert module._cached_key.cache_info().currsize == 1
