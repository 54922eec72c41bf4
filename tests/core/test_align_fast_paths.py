"""Speed paths of the aligner give exactly what the general code gives.

Each fast path here replaces general code on a common case (ASCII text, a row
with default fields); these tests compare the two on many inputs, including
the inputs where the fast path must not apply. (The pinned diffs of
test_align_pinned.py and the benchmark diffs show the whole output unchanged.)
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.align import engine, facts, links_first, sentences
from newsdiff_gui.core.align import text as text_module
from newsdiff_gui.core.align import tokens as tokens_module
from newsdiff_gui.core.align.leftovers import Match, exact_match
from newsdiff_gui.core.align.model import ChangeKind, Row, plain_row
from newsdiff_gui.core.align.text import split_sentences

_PIECES = [
    "seven", "at least", "1,200", "3.5", "one", "first", "$", "5", "million", "%", "percent",
    "more than", "x2", "2x", "a_1", "twenty-five", "²", "①", "٣", "Señora", "ß", " ", ", ",
    ". ", "-", "the", "people", "nearly", "12.", ".5", "1,", "SEVEN", "Once",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=25))
def test_figures_found_without_testing_every_term_are_the_same(pieces: list[str]) -> None:
    folded = "".join(pieces).casefold()
    terms = facts._TERM.findall(folded)
    # The general rule: every distinct term tested on its own.
    general = {t for t in set(terms) if t[0].isdigit() or t in facts._NUMBER_WORDS}
    assert facts.figure_terms(folded, terms) == general


def test_a_digit_that_is_no_0_to_9_still_counts_outside_ascii() -> None:
    assert facts.number_expressions("Area: 5 km² and ² marks") == Counter({"5": 1, "²": 1})
    assert facts.number_expressions("Ten people, 1,200 homes, 3.5 m") == Counter(
        {"ten": 1, "1,200": 1, "3.5 m": 1}
    )


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(ChangeKind)),
    st.lists(st.integers(0, 9), max_size=3).map(tuple),
    st.lists(st.integers(0, 9), max_size=3).map(tuple),
    st.one_of(st.none(), st.floats(0, 1)),
)
def test_a_plain_row_is_the_row_the_constructor_makes(
    kind: ChangeKind, old: tuple[int, ...], new: tuple[int, ...], similarity: float | None
) -> None:
    fast, made = plain_row(kind, old, new, similarity), Row(kind, old, new, similarity)
    assert fast == made and hash(fast) == hash(made) and repr(fast) == repr(made)
    assert dataclasses.astuple(fast) == dataclasses.astuple(made)
    assert all(hasattr(fast, f.name) for f in dataclasses.fields(Row))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 50), st.integers(0, 50), st.booleans())
def test_an_exact_match_is_the_match_the_constructor_makes(old: int, new: int, moved: bool) -> None:
    fast = exact_match(old, new, not moved)
    made = Match((old,), (new,), 1.0, exact=True, in_place=not moved)
    assert fast == made and hash(fast) == hash(made) and repr(fast) == repr(made)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 30).flatmap(lambda n: st.tuples(st.just(n), st.permutations(range(n)))),
       st.data())  # fmt: skip
def test_rows_in_new_order_without_a_sort_are_the_sorted_rows(
    size_and_order: tuple[int, list[int]], data: st.DataObject
) -> None:
    """Rows holding one or several new paragraphs (a split lists them in the old
    paragraph's order), the rest added: the slot order is the sorted order."""
    count, order = size_and_order
    rows, at = [], 0
    while at < count:
        width = data.draw(st.integers(1, 3))
        held = tuple(order[at : at + width])
        at += width
        if data.draw(st.booleans()):  # else: left for an added row
            rows.append(
                Row(ChangeKind.SPLIT if len(held) > 1 else ChangeKind.EDITED, (0,), held, 0.5)
            )
    assert engine._in_new_order(rows, count) == engine._sorted_in_new_order(rows, count)


def test_rows_sharing_a_first_new_paragraph_are_sorted_as_before() -> None:
    rows = [Row(ChangeKind.EDITED, (0,), (1,), 0.5), Row(ChangeKind.EDITED, (1,), (1,), 0.5)]
    assert engine._in_new_order(rows, 3) == engine._sorted_in_new_order(rows, 3)


# What a sentence's words are (align/text.py's `words` cuts as this pattern does, faster).
_WORD = re.compile(r"\w+")
_SENTENCE_PIECES = [
    "Seven people", " were killed.", " The MAYOR said", "; 9 clinics open", ": With ropes",
    ". • Item", " Straße", " İstanbul", " ﬁnal", " ΣΑΣ", "  ", "\n", "? ", "“Quote.” ", "A",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SENTENCE_PIECES), st.text(max_size=4)), max_size=20))
def test_a_sentences_words_read_from_the_folded_paragraph_are_its_own(pieces: list[str]) -> None:
    paragraph = "".join(pieces)
    for sentence in sentences.paragraph_sentences(paragraph, 7):
        assert paragraph[sentence.start - 7 : sentence.end - 7] == sentence.text
        assert sentence.words == tuple(_WORD.findall(sentence.text.casefold()))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SENTENCE_PIECES), st.text(max_size=4)), max_size=20))
def test_sentences_read_where_they_stand_are_the_splitters_pieces(pieces: list[str]) -> None:
    paragraph = "".join(pieces)
    if sentences.may_cut(paragraph):
        return  # (cut into clauses: read from the pieces themselves)
    split = split_sentences(paragraph)
    expected = []
    at = 0
    for number, piece in enumerate(split):
        core = piece.strip()
        if core:
            start = at + piece.index(core[0])
            expected.append((start, core, number == len(split) - 1, number > 0))
        at += len(piece)
    found = sentences.paragraph_sentences(paragraph, 0)
    assert [(s.start, s.text, s.last_in_paragraph, s.has_previous) for s in found] == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_SENTENCE_PIECES), st.text(max_size=4)), max_size=20),
    st.integers(min_value=0, max_value=80),
    st.integers(min_value=0, max_value=80),
)
def test_word_gaps_give_any_slices_words(pieces: list[str], start: int, end: int) -> None:
    text = "".join(pieces).casefold()
    gaps = text_module.word_gaps(text)
    assert len(gaps) == len(text)
    assert gaps[start:end].split() == _WORD.findall(text[start:end])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from([*_SENTENCE_PIECES, "\n\n"]), st.text(max_size=4)),
        max_size=20,
    )
)
def test_a_texts_words_read_from_its_sentences_are_its_casefolded_words(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    assert sentences.text_words(text) == text_module.casefolded_words(text)


_LOOKBEHIND_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9À-Ý])"
)
_ONE_MAY_CUT = re.compile(r"[.!?]\s+[\u2022\u25aa\u25e6\u2023\u00b7\u2013\u2014-]\s|;\s|:\s+[A-Z]")
_CUT_PIECES = [
    ".", "!", "?", "?.", ".”", "”", ")", "]", " ", "  ", "\n", "A", "a", "7", "É", "“", "(",
    ";", "; ", ":", ": W", "- ", "–", "• ", "·", "x",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_CUT_PIECES), st.text(max_size=2)), max_size=30))
def test_sentence_ends_and_cut_marks_are_found_where_the_single_patterns_find_them(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    ends = [0, *(m.end() for m in _LOOKBEHIND_SENTENCE_END.finditer(text))]
    expected = [text[a:b] for a, b in itertools.pairwise(ends)] + (
        [text[ends[-1] :]] if ends[-1] < len(text) else []
    )
    assert split_sentences(text) == expected
    assert sentences.may_cut(text) == bool(_ONE_MAY_CUT.search(text))


_LOOKBEHIND_FIRST_SINGLE_QUOTED = re.compile(
    f"(?<![{facts._APOSTROPHE_SCRIPTS}])['\u2018\u2019\u201a\u201b](.+?)['\u2018\u2019]"
    f"(?![{facts._APOSTROPHE_SCRIPTS}])"
)
_QUOTE_PIECES = ["'", "‘", "’", "‚", "‛", "a", "É", "Ж", "7", " ", "it’s", "O’Brien", "’90s", "데"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_QUOTE_PIECES), st.text(max_size=2)), max_size=30))
def test_single_quotes_are_found_where_the_look_behind_first_pattern_finds_them(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    expected = [(m.span(), m.group(1)) for m in _LOOKBEHIND_FIRST_SINGLE_QUOTED.finditer(text)]
    assert [(m.span(), m.group(1)) for m in facts._SINGLE_QUOTED.finditer(text)] == expected


_STYLE_PIECES = [
    "a", "B", "_", "__", " ", "\n", "\t", "\u00a0", ".", ",;", "’", "“", "ß", "İ", "É", "1",
    "²", "\u0307", "—", "‿", "snake_case", "SeÃ±ora", "â€™", "Â ", "Ã ", "é",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_STYLE_PIECES), st.text(max_size=3)), max_size=20))
def test_the_minor_key_spaces_underscores_apart_as_the_two_branch_pattern_did(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    general = " ".join(re.sub(r"[^\w\s]+|_+", " ", text).casefold().split())
    assert text_module._style_key(text) == general


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_STYLE_PIECES), st.text(max_size=3)), max_size=20))
def test_mis_decoding_is_looked_for_where_the_hint_alone_would_find_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    hinted = not text.isascii() and text_module._MOJIBAKE_HINT.search(text) is not None
    # The fast path returns the text itself exactly where the hint finds nothing.
    if not hinted:
        assert text_module.fix_mis_decoding(text) is text
    else:
        assert text_module._MOJIBAKE_LEAD.search(text) is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", "é", ".", " ", "  ", "\n", "\n\n", "\t", "\u00a0"])))
def test_a_texts_items_cut_without_the_pattern_are_the_patterns_items(pieces: list[str]) -> None:
    text = "".join(pieces).lstrip()  # (cleaned texts and their sentences open with a word)
    items = text_module.word_items(text)
    assert tokens_module._items(text) == (items, [item.rstrip() for item in items])


_SENTENCE_PIECES = [
    "Seven people died. ", "More than 40 schools reopened; 9 clinics open; 3 shelters open. ",
    "Ticket details: Why now? ", "STRASSE Straße ", "“Quoted,” he said. ", "a_b ", "x", " ",
    "\n", "Dr. Okafor said. ", "— a dash. ", "İstanbul ", "12. ", "ok",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_SENTENCE_PIECES), st.text(max_size=4)), max_size=12),
    st.integers(min_value=0, max_value=6),
)
def test_sentence_keys_read_from_the_sentence_split_are_the_plain_keys(
    pieces: list[str], min_words: int
) -> None:
    paragraph = "".join(pieces)
    plain = text_module.sentence_keys(paragraph, min_words)
    assert sentences.sentence_keys(paragraph, min_words) == plain


_STOP_PIECES = [
    ". ", ".” ", ". - ", ". • ", ".\n", "A", "a", "7", "“", "x", " ", "  ", "'", "it's", "’",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_STOP_PIECES), st.text(max_size=3)), max_size=20))
def test_patterns_opening_with_a_full_stop_alone_match_as_the_set_does(pieces: list[str]) -> None:
    text = "".join(pieces).replace("!", "").replace("?", "")
    for pattern in (
        text_module._SENTENCE_END,
        text_module._SENTENCE_STOP,
        sentences._MAY_CUT_LIST,
        links_first._JOINED,
    ):
        dots = text_module.stops_in(text, pattern, text_module.full_stops_only(pattern))
        assert [m.span() for m in dots.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    if text.isascii():
        assert bool(facts._MAY_OPEN_APOSTROPHE.search(text)) == bool(
            facts._MAY_OPEN_SINGLE.search(text)
        )
        assert ('"' in text or "'" in text) == bool(facts._ANY_MARK.search(text))
