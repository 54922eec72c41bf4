"""`text.words` cuts text exactly as the `\\w+` regex it replaces."""

from __future__ import annotations

import random
import re

import pytest

from newsdiff_gui.core.align.text import words

_WORD = re.compile(r"\w+")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Plain ASCII, with punctuation: 40% of_them (n=3).",
        "\u201cSe\u00f1ora,\u201d she said \u2014 it\u2019s 12\u00a0km\u2026",
        "\u041c\u043e\u0441\u043a\u0432\u0430 and Z\u00fcrich; \u00bd \u00b2 \u0663 \u2160",
        "tab\there\x1cfile\x1fsep\u2009thin\u3000ideographic",
    ],
)
def test_words_equal_the_regex_on_examples(text: str) -> None:
    assert words(text) == _WORD.findall(text)


def test_words_equal_the_regex_on_every_character() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert words(every) == _WORD.findall(every)


def test_words_equal_the_regex_on_random_mixes() -> None:
    rng = random.Random(11)
    alphabet = [chr(c) for c in range(0x3000)] + list("\u2019\u201c\u2014\u00a0 _")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        assert words(text) == _WORD.findall(text), repr(text)
