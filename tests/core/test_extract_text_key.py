"""text_key: letters and digits, case-folded; a block's key is kept, a whole box's is not."""

from __future__ import annotations

import re

from newsdiff_gui.core.extract import text_key as module
from newsdiff_gui.core.extract.text_key import text_key


def test_the_key_ignores_spacing_punctuation_and_case() -> None:
    assert text_key("Straße, 14 — “Nord”!") == "strasse14nord"
    assert text_key("STRASSE 14 nord") == text_key("Straße, 14 — “Nord”!")
    assert text_key("") == "" and text_key(" — ") == ""


def test_a_plain_ascii_text_is_keyed_as_any_other() -> None:
    # Plain ASCII takes a faster path than the pattern every other text is keyed by:
    # it must keep exactly the characters the pattern keeps.
    pattern = re.compile(r"[\W_]+")
    every_character = "".join(chr(code) for code in range(128))
    assert module._key(every_character) == pattern.sub("", every_character.casefold())
    assert module._key(every_character) == "0123456789" + "abcdefghijklmnopqrstuvwxyz" * 2
    for text in ("Tab\tand_underscore", "A-B_c\x00d\x7f9", "MiXeD 42%", ""):
        assert module._key(text) == pattern.sub("", text.casefold()), text


def test_a_short_texts_key_is_kept_and_a_long_texts_is_not() -> None:
    module._cached_key.cache_clear()
    block = "The harbour authority approved a plan on Tuesday."
    assert text_key(block) == text_key(block) == "theharbourauthorityapprovedaplanontuesday"
    assert module._cached_key.cache_info().hits == 1
    box = "Word, " * 1000  # a whole box's text: keyed each time, never kept
    assert text_key(box) == "word" * 1000
    assert module._cached_key.cache_info().currsize == 1
