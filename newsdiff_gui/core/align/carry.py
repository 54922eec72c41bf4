"""The first round of the sentence pass's links on the regrouped rows, without diffing them.

The links found on the paired rows (regroup.py step 1) hold for the rows
`_regroup` makes of them, with two changes: a link between two rows that
became one regrouped row joins text that row now holds on both sides, so it
is no move across rows; and a regrouped row whose sentences changed their
order (sentences of several paragraphs gathered into a new lede) holds
sentences that moved within it, found here from its sentences alone (equal
sentences off the heaviest in-order chain, as a by-sentence diff of the row
would leave them). So a regrouped row whose sentences moved is diffed once,
around its moves; what this misses the later rounds find, as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsdiff_gui.core.align.chain import Span, heaviest_chain, pair_in_order
from newsdiff_gui.core.align.links import MIN_WORDS, Link, Place, row_text, within_inline_limit
from newsdiff_gui.core.align.links_first import cut_units
from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, AlignOptions, ChangeKind, Row
from newsdiff_gui.core.align.sentences import text_sentences


def _positions(rows: list[Row], blocks: dict[int, list[int]]) -> list[int]:
    """The position each of `rows` has (its block has) among `_regroup`'s rows."""
    block_of = {p: first for first, block in blocks.items() for p in block}
    positions: list[int] = []
    at = 0
    for position in range(len(rows)):
        first = block_of.get(position, position)
        if first != position:
            positions.append(positions[first])
            continue
        positions.append(at)
        at += 1
    return positions


def carried_links(
    rows: list[Row],
    links: Sequence[Link],
    blocks: dict[int, list[int]],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
) -> list[Link]:
    """`links` between the rows `_regroup` makes of `rows` and `blocks`: places
    at their row's position and offsets there; links between two rows of one
    block are left out (the regrouped row holds both copies)."""
    block_of = {p: first for first, block in blocks.items() for p in block}
    position_of = _positions(rows, blocks)
    shifts: dict[tuple[int, bool], dict[int, tuple[int, int, int]]] = {}
    for block in blocks.values():
        for old_side, texts in ((True, old_texts), (False, new_texts)):
            starts = _starts(rows, block, texts, old_side)
            for p in block:
                shifts[p, old_side] = _shifts(
                    rows[p].old if old_side else rows[p].new, starts, texts
                )
    carried = []
    for link in links:
        a, b = link.old.row, link.new.row
        if a != b and block_of.get(a, -1) == block_of.get(b, -2):
            continue
        old = _moved_place(link.old, position_of[a], shifts.get((a, True)))
        new = _moved_place(link.new, position_of[b], shifts.get((b, False)))
        carried.append(Link(old, new, link.similarity))
    return carried


def reordered_within(
    rows: list[Row],
    blocks: dict[int, list[int]],
    carried: Sequence[Link],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    options: AlignOptions,
) -> list[Link]:
    """Links within each regrouped row: sentences standing verbatim on both
    sides out of the order the rest keeps (the heaviest in-order chain of equal
    sentences, as a by-sentence diff of the row would keep it)."""
    found: list[Link] = []
    position_of = _positions(rows, blocks)
    # (A link clashes only with links of its own row.)
    carried_at: dict[int, list[Link]] = {}
    for link in carried:
        for row in {link.old.row, link.new.row}:
            carried_at.setdefault(row, []).append(link)
    for first, block in blocks.items():
        position = position_of[first]
        own = carried_at.get(position, [])
        probe = Row(
            ChangeKind.REGROUPED,
            tuple(sorted(i for p in block for i in rows[p].old)),
            tuple(sorted(j for p in block for j in rows[p].new)),
            0.0,
        )
        if not within_inline_limit(probe, old_texts, new_texts, options.max_inline_chars):
            continue
        old_units = text_sentences(row_text(probe, old_texts, old_side=True))
        new_units = text_sentences(row_text(probe, new_texts, old_side=False))
        # (Cut as the first links cut them: a sentence the splitter left joined
        # to a quote moves on its own.)
        olds = cut_units(old_units, new_units)
        news = cut_units(new_units, olds)
        pairs = pair_in_order([s.text for s in olds], [s.text for s in news])
        spans = [Span(i, i, j, j, 1.0 + len(olds[i].words)) for i, j in pairs]
        kept = set(heaviest_chain(spans, len(news)))
        for k, (i, j) in enumerate(pairs):
            if k in kept or len(olds[i].words) < MIN_WORDS:
                continue
            link = Link(Place(position, olds[i]), Place(position, news[j]), 1.0)
            if not any(clash(link, other) for other in own):
                found.append(link)
    return found


def _starts(
    rows: list[Row], block: list[int], texts: Sequence[str], old_side: bool
) -> dict[int, int]:
    """Where each paragraph of a block's rows on one side starts in the regrouped
    row's text (paragraphs in document order)."""
    every = sorted(i for p in block for i in (rows[p].old if old_side else rows[p].new))
    starts, at = {}, 0
    for i in every:
        starts[i] = at
        at += len(texts[i]) + len(PARAGRAPH_JOINER)
    return starts


def _shifts(
    own: tuple[int, ...], starts: dict[int, int], texts: Sequence[str]
) -> dict[int, tuple[int, int, int]]:
    """For each paragraph `own` of a block's row on one side: (start, end) in the
    row's text and its start in the regrouped row's text (`starts`)."""
    found, at = {}, 0
    for i in own:
        found[i] = (at, at + len(texts[i]), starts[i])
        at += len(texts[i]) + len(PARAGRAPH_JOINER)
    return found


def _moved_place(
    place: Place, position: int, shifts: dict[int, tuple[int, int, int]] | None
) -> Place:
    sentence = place.sentence
    if shifts:
        for start, end, target in shifts.values():
            if start <= sentence.start and sentence.end <= end:
                delta = target - start
                sentence = dataclasses.replace(
                    sentence, start=sentence.start + delta, end=sentence.end + delta
                )
                break
    return Place(position, sentence, place.changes)


def clash(link: Link, other: Link) -> bool:
    """Whether two links would move overlapping text (a sentence around a moved run)."""
    return any(
        a.row == b.row and a.sentence.start < b.sentence.end and b.sentence.start < a.sentence.end
        for a, b in ((link.old, other.old), (link.new, other.new))
    )
