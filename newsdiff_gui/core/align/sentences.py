"""Sentences of a row's text with exact character offsets, and what a row shows of each.

The sentence is the unit of truth (DESIGN.md invariant 6): a row may show a
paragraph's words as deleted or inserted only where the sentence holding them
does not stand elsewhere. This module cuts a row's text (its paragraphs joined
with "\\n\\n") into sentences, and clauses of list-like sentences ("More than
40 schools reopened; 9 clinics open; 3 shelters open"), as offsets into that
text, so tokens built from the offsets reproduce the text exactly
(invariant 3). It also measures how much of each sentence a row's tokens show
as gone (old side) or new (new side); the engine and the invariant checker use
the same measure, so what one promises the other checks.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields

from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, ChangeKind, Row, Token, TokenOp
from newsdiff_gui.core.align.text import (
    full_stops_only,
    sentence_bounds,
    split_sentences,
    stops_in,
    word_gaps,
    words,
)
from newsdiff_gui.core.align.text import sentence_keys as text_sentence_keys

# A sentence with at least this many "; " separators is a list: its clauses
# are units of their own (a list item cut or moved is one claim, not a
# rewrite of the whole list).
LIST_MIN_SEPARATORS = 2
# A sentence is shown as gone (new) when at least this share of its
# non-space characters lies in delete (insert) text.
SHOWN_MIN_SHARE = 0.5

_CHANGE_OPS = (TokenOp.DELETE, TokenOp.INSERT)
_CLAUSE_END = re.compile(r";\s+")
_COLON_END = re.compile(r":\s+(?=[A-Z])")
# Bullets, middle dots and dashes opening a list item after a full stop.
_LIST_MARK = re.compile(r"(?<=[.!?])\s+(?=[\u2022\u25aa\u25e6\u2023\u00b7\u2013\u2014-]\s)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a row's text: `start`..`end` is the sentence without the
    whitespace around it; `words` are its casefolded words."""

    start: int
    end: int
    text: str
    words: tuple[str, ...]
    # Whether it is the last sentence of its paragraph (then the whitespace
    # before it, not after it, travels with it when it moves).
    last_in_paragraph: bool
    # Whether another sentence of the same paragraph precedes it.
    has_previous: bool


# Sentence's slots, set directly by `_sentence`.
_SET_START, _SET_END, _SET_TEXT, _SET_WORDS, _SET_LAST, _SET_PREVIOUS = (
    vars(Sentence)[f.name].__set__ for f in fields(Sentence)
)


def _sentence(
    start: int, end: int, text: str, words: tuple[str, ...], last: bool, previous: bool
) -> Sentence:
    """`Sentence(start, end, text, words, last, previous)` at half the cost (a
    rewrite splits thousands; a frozen dataclass's `__init__` sets each field
    through `object.__setattr__`)."""
    sentence: Sentence = object.__new__(Sentence)
    _SET_START(sentence, start)
    _SET_END(sentence, end)
    _SET_TEXT(sentence, text)
    _SET_WORDS(sentence, words)
    _SET_LAST(sentence, last)
    _SET_PREVIOUS(sentence, previous)
    return sentence


def _cut(piece: str, separator: re.Pattern[str]) -> list[str]:
    parts, start = [], 0
    for match in separator.finditer(piece):
        parts.append(piece[start : match.end()])
        start = match.end()
    if start < len(piece):
        parts.append(piece[start:])
    return parts


def _clauses(piece: str) -> list[str]:
    """A sentence cut before a list mark that follows a full stop ("… meditation.
    • Mindfulness …", "… costs. - About 72% …"), into list clauses ("; "), and
    after a colon that opens a new sentence ("…pulsate with effectiveness: With
    a skipping rope, …")."""
    separator = _CLAUSE_END if piece.count("; ") >= LIST_MIN_SEPARATORS else _COLON_END
    return [clause for item in _cut(piece, _LIST_MARK) for clause in _cut(item, separator)]


# Whether a paragraph may hold a list mark, a clause or a colon `_clauses` cuts at
# (most hold none; a piece of a paragraph matches only where the paragraph does).
# Three patterns, each opening with its own character: scanned for at C speed,
# twice as fast as one alternation.
_MAY_CUT_LIST = re.compile(r"[.!?]\s+[\u2022\u25aa\u25e6\u2023\u00b7\u2013\u2014-]\s")
_MAY_CUT_LIST_DOTS = full_stops_only(_MAY_CUT_LIST)
_MAY_CUT_CLAUSE = re.compile(r";\s")
_MAY_CUT_COLON = re.compile(r":\s+[A-Z]")


def may_cut(paragraph: str) -> bool:
    return bool(
        (";" in paragraph and _MAY_CUT_CLAUSE.search(paragraph))
        or (":" in paragraph and _MAY_CUT_COLON.search(paragraph))
        or stops_in(paragraph, _MAY_CUT_LIST, _MAY_CUT_LIST_DOTS).search(paragraph)
    )


def paragraph_sentences(paragraph: str, offset: int) -> list[Sentence]:
    # Casefolded once: where no character folds to several (as "ß" does), a
    # sentence's folded words lie at its own offsets in the folded paragraph,
    # and are read from one pass over it (`word_gaps`).
    folded = paragraph.casefold()
    gaps = word_gaps(folded) if len(folded) == len(paragraph) else None
    if may_cut(paragraph):
        pieces = [clause for piece in split_sentences(paragraph) for clause in _clauses(piece)]
        bounds = _piece_bounds(pieces)
        last = len(pieces) - 1
    else:
        # (Most paragraphs: their sentences read where they stand, no piece cut
        # out; a piece of only whitespace is a paragraph of only whitespace.)
        bounds = [(start, end, n) for n, (start, end) in enumerate(sentence_bounds(paragraph))]
        last = len(bounds) - 1
    return [
        _sentence(
            offset + start,
            offset + end,
            paragraph[start:end],
            tuple(
                gaps[start:end].split()
                if gaps is not None
                else words(paragraph[start:end].casefold())
            ),
            number == last,
            number > 0,
        )
        for start, end, number in bounds
    ]


def _piece_bounds(pieces: Sequence[str]) -> list[tuple[int, int, int]]:
    """(start, end, number) of each piece without the whitespace around it, in
    the text the pieces make; a piece of only whitespace left out."""
    bounds = []
    at = 0
    for number, piece in enumerate(pieces):
        core = piece.strip()
        if core:
            start = at + piece.index(core[0])
            bounds.append((start, start + len(core), number))
        at += len(piece)
    return bounds


@functools.lru_cache(maxsize=4096)
def text_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences (and list clauses) of a row's text, paragraph by paragraph.

    Cached: the sentence pass reads a changed row's text in several rounds,
    and the same texts come back diff after diff of one article's history."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph in text.split(PARAGRAPH_JOINER):
        own = _own_sentences(paragraph)
        if offset:
            own = tuple(
                _sentence(
                    s.start + offset,
                    s.end + offset,
                    s.text,
                    s.words,
                    s.last_in_paragraph,
                    s.has_previous,
                )
                for s in own
            )
        sentences.extend(own)
        offset += len(paragraph) + len(PARAGRAPH_JOINER)
    return tuple(sentences)


def sentence_words(text: str) -> list[tuple[str, ...]]:
    """`[s.words for s in text_sentences(text)]`, without placing the sentences
    in the text (a row re-diffed around moved sentences asks only for words)."""
    return [s.words for part in text.split(PARAGRAPH_JOINER) for s in _own_sentences(part)]


# A paragraph is read in its own row, then again inside a regrouped row's text
# or a row re-diffed around moved sentences: split once, shifted per text.
@functools.lru_cache(maxsize=4096)
def _own_sentences(paragraph: str) -> tuple[Sentence, ...]:
    return tuple(paragraph_sentences(paragraph, 0))


def text_words(text: str) -> tuple[str, ...]:
    """`text.casefolded_words(text)` of a paragraph or a row's text, read from
    its paragraphs' sentences: pairing codes the words of the paragraphs that
    the sentence pass then splits (all of them in a rewrite), so each
    paragraph's words are read once. (A sentence's words are its paragraph's
    words between two cuts: the splitter cuts only after whitespace, and every
    character but whitespace lies in a sentence.)"""
    return tuple(
        itertools.chain.from_iterable(
            s.words for part in text.split(PARAGRAPH_JOINER) for s in _own_sentences(part)
        )
    )


def sentence_keys(paragraph: str, min_words: int) -> set[tuple[str, ...]]:
    """`text.sentence_keys(paragraph, min_words)`, read from this module's split
    where it is the same split (no list clause or colon to cut at): pairing asks
    for the sentences of paragraphs the sentence pass then reads again."""
    if min_words < 1 or may_cut(paragraph):
        return text_sentence_keys(paragraph, min_words)
    return {s.words for s in _own_sentences(paragraph) if len(s.words) >= min_words}


def travel_span(text: str, sentence: Sentence) -> tuple[int, int]:
    """The characters that leave with a sentence that moves: the sentence and
    the whitespace after it, or, for the last of several sentences of a
    paragraph, the whitespace before it (so what stays reads "A." not "A. ")."""
    start, end = sentence.start, sentence.end
    if sentence.last_in_paragraph and sentence.has_previous:
        while start > 0 and text[start - 1] == " ":
            start -= 1
    else:
        while end < len(text) and text[end] == " ":
            end += 1
    return start, end


@dataclass(frozen=True, slots=True)
class Shown:
    """A sentence a row shows as gone (new), and the row's changes that show it:
    runs of delete/insert tokens between two equal words, numbered in token order
    (an old and a new sentence of one row shown by the same change are an edit
    in place; by different ones, a move within the row)."""

    sentence: Sentence
    changes: frozenset[int]


def changed_spans(tokens: Sequence[Token], old_side: bool) -> list[tuple[int, int, int]]:
    """(start, end, change number) of delete (insert) tokens, offsets into the
    row's old (new) text; the number counts the equal words before the token."""
    changed_op = TokenOp.DELETE if old_side else TokenOp.INSERT
    spans, at, change = [], 0, 0
    for token in tokens:
        if token.op not in _CHANGE_OPS and token.text.strip():
            change += 1  # equal words or moved text end a change
        if not (token.op.on_old_side if old_side else token.op.on_new_side):
            continue
        if token.op is changed_op and not token.text.isspace():
            # (A changed paragraph break shows no sentence as changed.)
            spans.append((at, at + len(token.text), change))
        at += len(token.text)
    return spans


def shown_spans(row: Row, text: str, old_side: bool) -> list[tuple[int, int, int]]:
    """What a row shows as gone (old side) or new (new side), as offsets."""
    if row.tokens:
        return changed_spans(row.tokens, old_side)
    whole = ChangeKind.REMOVED if old_side else ChangeKind.ADDED
    return [(0, len(text), 0)] if row.kind is whole and text else []


def _shown(
    text: str, sentence: Sentence, spans: Sequence[tuple[int, int, int]], ends: Sequence[int]
) -> Shown | None:
    """The sentence as shown when at least `SHOWN_MIN_SHARE` of its non-space
    characters lie inside `spans` (sorted, disjoint; `ends` their ends), else None."""
    covered = 0
    changes = set()
    # Only the spans that reach into the sentence (a long row has many).
    k = bisect.bisect_right(ends, sentence.start)
    while k < len(spans) and spans[k][0] < sentence.end:
        start, end, change = spans[k]
        low, high = max(start, sentence.start), min(end, sentence.end)
        if low < high:
            part = text[low:high]
            covered += len(part) - part.count(" ") - part.count("\n")
            changes.add(change)
        k += 1
    total = len(sentence.text) - sentence.text.count(" ")
    if total and covered / total >= SHOWN_MIN_SHARE:
        return Shown(sentence, frozenset(changes))
    return None


def shown_sentences(row: Row, text: str, old_side: bool) -> list[Shown]:
    """Sentences of a row's text it shows as gone (old side) or new (new side).

    Changed text inside sentences that are not shown as changed counts as a
    unit of its own: the splitter cuts only at ". " before a capital, so a
    sentence appended to a paragraph that ends without a full stop ("Ticket
    details: http://… Why have some fans boycotted the event?") is part of a
    longer "sentence", but is shown as new all the same."""
    spans = shown_spans(row, text, old_side)
    if not spans:
        return []
    if not row.tokens:  # a whole paragraph shown as gone (new): every sentence is
        whole = frozenset({0})
        return [Shown(s, whole) for s in text_sentences(text) if s.words]
    ends = [end for _, end, _ in spans]
    found = (_shown(text, s, spans, ends) for s in text_sentences(text) if s.words)
    shown = [item for item in found if item is not None]
    return shown + _changed_runs(text, spans, shown)


def _changed_runs(
    text: str, spans: Sequence[tuple[int, int, int]], shown: Sequence[Shown]
) -> list[Shown]:
    """Runs of changed text (one paragraph each) other than whole shown sentences
    (a run may lie inside a longer sentence the splitter could not cut)."""
    taken = [(item.sentence.start, item.sentence.end) for item in shown]
    runs: list[list[int]] = []
    for start, end, change in spans:
        if runs and runs[-1][1] == start and PARAGRAPH_JOINER not in text[start:end]:
            runs[-1][1] = end
        else:
            runs.append([start, end, change])
    found = []
    for start, end, change in runs:
        for offset, paragraph in _paragraph_parts(text, start, end):
            core = paragraph.strip()
            if not core:
                continue
            low = offset + paragraph.index(core[0])
            high = low + len(core)
            overlapping = [(a, b) for a, b in taken if low < b and a < high]
            if overlapping and all(low <= a and b <= high for a, b in overlapping):
                continue  # whole shown sentences: already units
            unit_words = tuple(words(core.casefold()))
            if not unit_words:
                continue
            paragraph_start = text.rfind(PARAGRAPH_JOINER, 0, low)
            paragraph_start = 0 if paragraph_start < 0 else paragraph_start + len(PARAGRAPH_JOINER)
            paragraph_end = text.find(PARAGRAPH_JOINER, high)
            last = high == (len(text) if paragraph_end < 0 else paragraph_end)
            sentence = Sentence(
                low, high, core, unit_words, last, bool(text[paragraph_start:low].strip())
            )
            found.append(Shown(sentence, frozenset({change})))
    return found


def _paragraph_parts(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(offset, text) of `text[start:end]` cut at paragraph breaks."""
    at = start
    for part in text[start:end].split(PARAGRAPH_JOINER):
        yield at, part
        at += len(part) + len(PARAGRAPH_JOINER)
