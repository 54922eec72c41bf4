"""Fast paths that read a non-ASCII text through an ASCII stand-in give what the general code gives.

Most non-ASCII news paragraphs are non-ASCII only for their curly quotes,
dashes and ellipses; the aligner stands ASCII characters in for those marks
where that changes nothing it reads. These tests compare each such path with
the general code on texts built from those marks and their neighbours.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff_gui.core import normalize
from newsdiff_gui.core.align import facts
from newsdiff_gui.core.align import text as text_module

_FIGURE_PIECES = [
    "seven", "at least", "1,200", "3.5", "one", "$", "€", "5", "million", "%", "per cent",
    "twenty", "-", "–", "—", "’", "‘", "“", "”", "…", "\u00a0", " ", ", ", ". ", "é", "²",
    "1.", ",2", "a_1", "SEVEN", "over",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FIGURE_PIECES), st.text(max_size=2)), max_size=30))
def test_terms_read_through_ascii_stand_ins_are_the_general_terms(pieces: list[str]) -> None:
    folded = "".join(pieces).casefold()
    parts, terms, figures = facts._terms(folded)
    general = facts._TERM_SPLIT.split(folded)
    assert terms == general[1::2]
    assert figures == facts.figure_terms(folded, general[1::2])
    # Gaps are read only for whether they join figures.
    joins = [facts._JOINS_FIGURES.fullmatch(gap) is not None for gap in parts[::2]]
    assert joins == [facts._JOINS_FIGURES.fullmatch(gap) is not None for gap in general[::2]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FIGURE_PIECES), st.text(max_size=2)), max_size=12))
def test_whether_changed_text_may_touch_a_figure_is_read_as_from_its_general_terms(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    terms = facts._TERM.findall(text.casefold())
    general = any(t[0].isdigit() or t in facts._CURRENCY or t == "%" for t in terms) or not (
        facts._FIGURE_HINTS.isdisjoint(terms)
    )
    assert facts.might_change_figures([text]) == general


_SPACE_PIECES = ["a", "bc", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\u3000", "\u200b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SPACE_PIECES), st.text(max_size=3)), max_size=20))
def test_a_cleaned_texts_words_are_counted_by_its_spaces(pieces: list[str]) -> None:
    cleaned = text_module.clean("".join(pieces))
    assert text_module.clean_word_count(cleaned) == text_module.word_count(cleaned)


_CLEAN_PIECES = [
    "Flood", " ", "  ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "\x1c", "’", "“", "”", "—",
    "–", "…", "é", "\u200b", "\u00ad", "\u034f", "\ufe0f", "e\u0301",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_CLEAN_PIECES), st.text(max_size=2)), max_size=20))
def test_text_ascii_but_for_common_marks_is_cleaned_as_clean_text_cleans_it(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    assert text_module.clean(text) == normalize.clean_text(text)
