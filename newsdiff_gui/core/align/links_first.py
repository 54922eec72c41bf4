"""The sentence pass's first links, from sentences alone: no row is diffed to find them.

`find_links` (links.py) reads what a row's tokens show as gone or new. Before
any row is diffed, the same is read from sentences, where text crossed a
paragraph break: first, on plain pieces of the changed rows (cut after every
full stop), the rows an old sentence left while it stands, as it was, in
another row; those rows, split and merged rows, and their neighbours are the
rows a regrouping can take in (an ordinary update edits paragraphs in place
and has none; in a rewrite, split and merged rows and their neighbours hold
nearly every changed row, and then all take part, unread). In them, a
sentence stands settled when the row's other side holds a sentence of the
same words (hashed, not scored, not diffed); a sentence that a sentence of
the other side opens or closes is cut there (the splitter does not cut
before a quote); every other sentence may have moved, as may every sentence
of an added or removed paragraph.

Links are then chosen as `find_links` chooses them (best first, one partner
each) among verbatim copies and, where few sentences take part, edited
copies of single sentences (a near copy of two sentences the splitter left
joined may share only one of them); an old and a new sentence of one row are
that row's edit, not a move: the pair takes both out of the running and links
nothing. What this misses only costs time: the sentence pass diffs each row
around these links, then looks for links on the rows' real tokens until none
is left (invariant 6 is checked on what the rows show).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsdiff_gui.core.align.links import (
    FUZZY_MIN_SIMILARITY,
    FUZZY_MIN_WORDS,
    MIN_WORDS,
    Link,
    Place,
    similar,
)
from newsdiff_gui.core.align.links_index import MAX_ALL_PAIRS, coded_candidates, word_codes
from newsdiff_gui.core.align.links_parts import cut_piece, first_cuts
from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, TOKENISED_KINDS, Row
from newsdiff_gui.core.align.sentences import Sentence, text_sentences
from newsdiff_gui.core.align.text import full_stops_only, stops_in

# What may end a sentence, and any such end before a space (`_crossed`'s
# plain cut, also where the splitter does not cut: before a quote).
_END_MARKS = '.!?"\u201d\u2019)'
_ANY_END = re.compile(f"[.!?][{_END_MARKS[3:]}]*\\s+")
# A sentence end the splitter did not cut at (not followed by a capital).
_JOINED = re.compile(r"[.!?][\"\u201d\u2019)]*\s+[^A-Z\s]")
_JOINED_DOTS = full_stops_only(_JOINED)
# When split and merged rows and their neighbours already hold all but one in
# this many changed rows (a rewrite), every changed row takes part: reading
# all rows' text for crossings would cost more than the few rows it leaves out.
_FEW_OUTSIDE = 4


def first_links(
    rows: Sequence[Row], old_texts: Sequence[str], new_texts: Sequence[str], inline_limit: int
) -> list[Link]:
    """Links between sentences that may have moved, best first (see the module docstring)."""
    changed = [
        (position, row)
        for position, row in enumerate(rows)
        if row.kind in TOKENISED_KINDS or row.similarity is None
    ]
    if not any(row.similarity is not None for _, row in changed):
        # Only added and removed paragraphs (a wire swap): they show every
        # sentence as gone or new as they stand, and `find_links` reads them so.
        return []
    # Rows that text crossed into or out of, split or merged rows, and their
    # neighbours: the rows a regrouping can take in. (Elsewhere an ordinary
    # update edits paragraphs in place; what moved there, `find_links` finds.)
    crossed = {p for p, row in changed if len(row.old) > 1 or len(row.new) > 1}
    near = {p + step for p in crossed for step in (-1, 0, 1)}
    outside = sum(p not in near for p, _ in changed)
    if outside * _FEW_OUTSIDE > len(changed):
        crossed.update(_crossed(changed, old_texts, new_texts))
        near = {p + step for p in crossed for step in (-1, 0, 1)}
    else:
        near.update(p for p, _ in changed)
    gone: list[Place] = []
    arrived: list[Place] = []
    for position, row in changed:
        if position not in near:
            continue
        old_parts = [old_texts[i] for i in row.old]
        new_parts = [new_texts[j] for j in row.new]
        if any(len(part) > inline_limit for part in (*old_parts, *new_parts)):
            continue  # (no word highlights: links.within_inline_limit)
        old: Sequence[Sentence] = ()
        new: Sequence[Sentence] = ()
        if old_parts:
            old = text_sentences(PARAGRAPH_JOINER.join(old_parts))
        if new_parts:
            new = text_sentences(PARAGRAPH_JOINER.join(new_parts))
        if old and new:
            old = cut_units(old, new)
            new = cut_units(new, old)
        gone += [Place(position, s) for s in _unsettled(old, new)]
        arrived += [Place(position, s) for s in _unsettled(new, old)]
    gone, arrived = _cut_across(gone, arrived), _cut_across(arrived, gone)
    found = _pairs(gone, arrived)
    # Best first; on a tie the nearer row, then document order (as `find_links`).
    found.sort(key=lambda f: (-f[2], abs(gone[f[0]].row - arrived[f[1]].row), f[0], f[1]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    links = []
    for a, b, score in found:
        if a in used_old or b in used_new:
            continue
        used_old.add(a)
        used_new.add(b)
        if gone[a].row != arrived[b].row:  # (in one row: its edit, shown in place)
            links.append(Link(gone[a], arrived[b], score))
    return links


def _cut_across(places: list[Place], others: list[Place]) -> list[Place]:
    """`places` with each sentence that opens or ends with the words of a sentence
    of another row cut there (a heading without a stop run into the next
    paragraph by a new layout), as `cut_units` cuts within a row."""
    cuts = first_cuts(places, others)
    if not cuts:
        return places
    result: list[Place] = []
    for index, place in enumerate(places):
        parts = cuts.get(index)
        result += [Place(place.row, part) for part in parts] if parts else [place]
    return result


def _crossed(
    changed: Sequence[tuple[int, Row]], old_texts: Sequence[str], new_texts: Sequence[str]
) -> set[int]:
    """The positions of rows an old sentence left while it stands, as it was,
    in another row (and of that row): read on the splitter's plain pieces,
    before any sentence is built."""
    gone_from: dict[str, int] = {}
    arrivals: list[tuple[str, int]] = []
    for position, row in changed:
        old = _pieces_of(old_texts[i] for i in row.old)
        new = _pieces_of(new_texts[j] for j in row.new)
        gone_from.update((piece, position) for piece in old.keys() - new.keys())
        arrivals += [(piece, position) for piece in new.keys() - old.keys()]
    found: set[int] = set()
    for piece, position in arrivals:
        source = gone_from.get(piece, position)
        if source != position:
            found.update((source, position))
    return found


def _pieces_of(paragraphs: Iterable[str]) -> dict[str, None]:
    """The casefolded pieces of `MIN_WORDS`+ words of the paragraphs, cut after
    every full stop (also where the splitter does not cut: before a quote)."""
    return {
        piece.rstrip(_END_MARKS): None
        for paragraph in paragraphs
        for piece in _ANY_END.split(paragraph.casefold())
        if piece.count(" ") >= MIN_WORDS - 1
    }


def _pairs(gone: list[Place], arrived: list[Place]) -> list[tuple[int, int, float]]:
    """(gone, arrived, similarity) of the pairs that may link: verbatim copies
    (hashed), and edited copies of single sentences of `FUZZY_MIN_WORDS`+ words
    (scored). Edited copies are scored only when few sentences take part (a
    wire swap leaves them to `find_links`, which would score them again)."""
    arrived_at: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for b, place in enumerate(arrived):
        arrived_at[place.sentence.words].append(b)
    found = [
        (a, b, 1.0)
        for a, place in enumerate(gone)
        for b in arrived_at.get(place.sentence.words, ())
    ]
    old = [a for a, place in enumerate(gone) if _may_be_edited(place.sentence)]
    new = [b for b, place in enumerate(arrived) if _may_be_edited(place.sentence)]
    if not old or not new or len(old) * len(new) > MAX_ALL_PAIRS:
        return found
    old_codes, new_codes = word_codes(
        [gone[a].sentence.words for a in old], [arrived[b].sentence.words for b in new]
    )
    found += [
        (old[x], new[y], score)
        for x, y, score in coded_candidates(old_codes, new_codes, FUZZY_MIN_SIMILARITY)
        if score < 1.0 and similar(gone[old[x]].sentence, arrived[new[y]].sentence, score)
    ]
    return found


def _may_be_edited(sentence: Sentence) -> bool:
    """Whether an edited copy of the sentence may link (`links.similar`)."""
    return len(sentence.words) >= FUZZY_MIN_WORDS and _single(sentence)


def _single(sentence: Sentence) -> bool:
    """Whether the sentence is one sentence, not two the splitter left joined
    ("… kakadu. “Anlo …,” she said."): a near copy of such a pair may share
    only one of them, and what moved is then for the word diff to say."""
    return stops_in(sentence.text, _JOINED, _JOINED_DOTS).search(sentence.text) is None


def _unsettled(own: Sequence[Sentence], other: Sequence[Sentence]) -> list[Sentence]:
    """Sentences of `MIN_WORDS`+ words of `own` the other side holds no copy of
    (as often: a sentence said twice and kept once has one copy left over)."""
    copies: dict[tuple[str, ...], int] = {}
    for sentence in other:
        copies[sentence.words] = copies.get(sentence.words, 0) + 1
    found = []
    for sentence in own:
        left = copies.get(sentence.words, 0)
        if left:
            copies[sentence.words] = left - 1
        elif len(sentence.words) >= MIN_WORDS:
            found.append(sentence)
    return found


def cut_units(own: Sequence[Sentence], other: Sequence[Sentence]) -> list[Sentence]:
    """`own` with each sentence that a sentence of `other` opens or closes (at a
    space) cut in two there: the splitter does not cut before a quote ("…
    kaloan. “Beldu …,” she said."), where a word diff shows the first sentence
    equal and the quote as the change. Only sentences whose text the other side
    does not hold are cut, and only by such sentences (most have a copy)."""
    own_texts = {s.text for s in own}
    cutters = [s.text for s in other if s.text not in own_texts]
    if not cutters:
        return list(own)
    other_texts = {s.text for s in other}
    result = [s for s in own if s.text in other_texts]
    pending = [s for s in own if s.text not in other_texts]
    while pending:
        unit = pending.pop()
        for cut in cutters:
            pieces = _pieces(unit, cut)
            if pieces is not None:
                pending += pieces
                break
        else:
            result.append(unit)
    result.sort(key=lambda s: s.start)
    return result


def _pieces(unit: Sentence, cut: str) -> tuple[Sentence, Sentence] | None:
    """`unit` cut in two after (before) `cut` when `cut` opens (closes) it at a space."""
    text = unit.text
    if len(cut) >= len(text):
        return None
    if text.startswith(cut) and text[len(cut)].isspace():
        tail = text[len(cut) :].lstrip()
        return (
            cut_piece(cut, unit.start, False, unit.has_previous),
            cut_piece(tail, unit.end - len(tail), unit.last_in_paragraph, True),
        )
    if text.endswith(cut) and text[-len(cut) - 1].isspace():
        head = text[: -len(cut)].rstrip()
        return (
            cut_piece(head, unit.start, False, unit.has_previous),
            cut_piece(cut, unit.end - len(cut), unit.last_in_paragraph, True),
        )
    return None
