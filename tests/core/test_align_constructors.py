"""The fast constructors of hot frozen dataclasses make the objects their `__init__` makes."""

from __future__ import annotations

from dataclasses import fields

from newsdiff_gui.core.align import sentences
from newsdiff_gui.core.align.model import Token, TokenOp
from newsdiff_gui.core.align.tokens import plain_token


def test_plain_token_is_the_token_init_makes() -> None:
    for op in TokenOp:
        made, expected = plain_token(op, "seven people"), Token(op, "seven people")
        assert made == expected
        assert [getattr(made, f.name) for f in fields(Token)] == [
            getattr(expected, f.name) for f in fields(Token)
        ]


def test_fast_sentence_is_the_sentence_init_makes() -> None:
    args = (3, 9, "Seven.", ("seven",), True, False)
    made, expected = sentences._sentence(*args), sentences.Sentence(*args)
    assert made == expected
    assert hash(made) == hash(expected)
    assert [getattr(made, f.name) for f in fields(sentences.Sentence)] == list(args)
