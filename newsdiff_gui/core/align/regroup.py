"""The sentence pass: regrouped rows, then moved sentences as moved_out/moved_in tokens.

Runs on the paragraph rows in display order (engine.py), whose edited, split
and merged rows are not diffed yet, and diffs each of them once:

1. `first_links` (links_first.py) finds, from sentences alone, old sentences
   of changed rows whose verbatim copy stands in another changed row.
2. Regrouping. Rows that exchanged sentences with each other and stand
   next to each other become one `regrouped` row. Precisely: link every two
   rows of kind edited, moved_edited, split, merged, added or removed that a
   sentence link joins; a connected set of such rows that is a run of
   consecutive display rows, holding at least two old and two new
   paragraphs, and whose old paragraphs are consecutive too, becomes one row
   (a paragraph that really moved from elsewhere is not swallowed; one the
   pairing called moved only because its sentences were redistributed with
   its neighbours is). Its `old` and `new` list the
   paragraphs in document order (their text follows the same order on the
   other side when sentences only crossed paragraph breaks; a sentence that
   also changed its order shows as moved within the row), and its tokens diff
   the joined texts, so text that was only regrouped reads as equal. Rows
   stay in new order (a run of consecutive rows is consecutive in new order)
   and a removed row beside the run is beside the row that now holds its
   neighbour.
3. The links of step 1 carried over to the regrouped rows, with the
   sentences that moved within a regrouped row (carry.py), are the first
   round's links; every linked row is diffed (links_tokens.py) with its
   moved sentences as `moved_out` / `moved_in` naming the other row, and
   every other row as it is (row_diff.py).
4. `find_links` (links.py) reads what the rows' tokens now show as gone and
   new (an edited copy of a moved sentence, text the splitter could not cut
   apart, a reordered row's sentences), and the rows its links touch are
   re-diffed, until no new link appears (a few rounds at most; each round
   only adds links).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from newsdiff_gui.core.align.carry import carried_links, clash, reordered_within
from newsdiff_gui.core.align.links import (
    Link,
    ShownCache,
    find_links,
    row_text,
)
from newsdiff_gui.core.align.links_first import first_links
from newsdiff_gui.core.align.links_tokens import (
    Arrival,
    Departure,
    compose,
    row_tokens,
    text_flags,
)
from newsdiff_gui.core.align.model import AlignOptions, ChangeKind, Row
from newsdiff_gui.core.align.row_diff import diff_row, needs_diff
from newsdiff_gui.core.align.sentence_spans import word_similarity

_REGROUPABLE = frozenset(
    {
        ChangeKind.EDITED,
        ChangeKind.MOVED_EDITED,
        ChangeKind.SPLIT,
        ChangeKind.MERGED,
        ChangeKind.ADDED,
        ChangeKind.REMOVED,
    }
)
# Each round only adds links between sentences still shown as changed; real
# texts settle in one or two.
_MAX_ROUNDS = 4


def link_sentences(
    rows: list[Row], old_texts: Sequence[str], new_texts: Sequence[str], options: AlignOptions
) -> list[Row]:
    """`rows` with regrouped rows and moved sentences said as moves, each row
    diffed (see module docstring)."""
    links = first_links(rows, old_texts, new_texts, options.max_inline_chars)
    chosen: list[Link] = []
    if links:
        blocks = _blocks(rows, links)
        # The first links, carried over to the regrouped rows, are the first
        # round's: each row is then diffed once, around its moves (a link
        # between two rows a regrouped row gathered is text it holds on both
        # sides).
        chosen = carried_links(rows, links, blocks, old_texts, new_texts)
        chosen += reordered_within(rows, blocks, chosen, old_texts, new_texts, options)
        touched = {place.row for link in chosen for place in (link.old, link.new)}
        base = _regroup(rows, blocks, touched, old_texts, new_texts, options)
        current = _compose_all(base, base, chosen, chosen, old_texts, new_texts, options)
    else:  # (most updates: every row diffed as it is)
        base = current = [
            diff_row(row, old_texts, new_texts, options) if needs_diff(row) else row for row in rows
        ]
    cache = ShownCache()
    for _ in range(_MAX_ROUNDS):
        found = [
            link
            for link in find_links(current, old_texts, new_texts, cache, options.max_inline_chars)
            if not any(clash(link, other) for other in chosen)
        ]
        if not found:
            break
        chosen += found
        current = _compose_all(base, current, chosen, found, old_texts, new_texts, options)
    return _flag_regrouped(base, current, old_texts, new_texts) if links else current


def _components(rows: Sequence[Row], links: Sequence[Link]) -> list[list[int]]:
    parent = list(range(len(rows)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for link in links:
        a, b = link.old.row, link.new.row
        if a != b and rows[a].kind in _REGROUPABLE and rows[b].kind in _REGROUPABLE:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for position in range(len(rows)):
        groups[root(position)].append(position)
    return [g for g in groups.values() if len(g) > 1]


def _blocks(rows: list[Row], links: Sequence[Link]) -> dict[int, list[int]]:
    """The runs of display rows that become one regrouped row, by first position."""
    blocks: dict[int, list[int]] = {}
    for group in _components(rows, links):
        if group[-1] - group[0] + 1 != len(group):
            continue  # not consecutive in display: the moves stay moves
        old = sorted(i for p in group for i in rows[p].old)
        new_count = sum(len(rows[p].new) for p in group)
        if len(old) >= 2 and new_count >= 2 and old[-1] - old[0] + 1 == len(old):
            blocks[group[0]] = group
    return blocks


def _regroup(
    rows: list[Row],
    blocks: dict[int, list[int]],
    touched: set[int],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    options: AlignOptions,
) -> list[Row]:
    """`rows` with each block as one regrouped row; only the rows no link
    `touched` are diffed here (the others are diffed around their moves)."""
    result: list[Row] = []
    skip: set[int] = set()
    for position, row in enumerate(rows):
        if position in skip:
            continue
        block = blocks.get(position)
        if block is None:
            if needs_diff(row) and len(result) not in touched:
                row = diff_row(row, old_texts, new_texts, options)
            result.append(row)
            continue
        skip.update(block)
        result.append(
            _regrouped_row(
                tuple(sorted(i for p in block for i in rows[p].old)),
                tuple(sorted(j for p in block for j in rows[p].new)),
                old_texts,
                new_texts,
                options,
                tokenise=len(result) not in touched,
            )
        )
    return result


def _regrouped_row(
    old: tuple[int, ...],
    new: tuple[int, ...],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    options: AlignOptions,
    tokenise: bool,
) -> Row:
    probe = Row(ChangeKind.REGROUPED, old, new, 0.0)
    old_text = row_text(probe, old_texts, old_side=True)
    new_text = row_text(probe, new_texts, old_side=False)
    tokens = row_tokens(old_text, new_text, options) if tokenise else ()
    similarity = word_similarity(old_text, new_text)
    # Flags come last (`_flag_regrouped`): most regrouped rows are re-tokenised
    # around their moved sentences, which sets flags of its own.
    return Row(ChangeKind.REGROUPED, old, new, min(1.0, max(0.0, similarity)), tokens=tokens)


def _flag_regrouped(
    base: list[Row], current: list[Row], old_texts: Sequence[str], new_texts: Sequence[str]
) -> list[Row]:
    """`current` with the flags of the regrouped rows no move re-tokenised."""
    result = current
    for position, row in enumerate(current):
        if row.kind is not ChangeKind.REGROUPED or row is not base[position]:
            continue
        old_text = row_text(row, old_texts, old_side=True)
        new_text = row_text(row, new_texts, old_side=False)
        figures, quote = text_flags(old_text, new_text, row.tokens)
        if result is current:
            result = list(current)
        result[position] = dataclasses.replace(row, numbers_changed=figures, quote_changed=quote)
    return result


def _compose_all(
    base: list[Row],
    current: list[Row],
    links: Sequence[Link],
    new_links: Sequence[Link],
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    options: AlignOptions,
) -> list[Row]:
    """`current` with the rows `new_links` touch re-tokenised from `base` with all `links`."""
    touched = {place.row for link in new_links for place in (link.old, link.new)}
    departures: dict[int, list[Departure]] = defaultdict(list)
    arrivals: dict[int, list[Arrival]] = defaultdict(list)
    for link in links:  # (only the touched rows' moves are read)
        if link.old.row in touched:
            departures[link.old.row].append(Departure(link.old.sentence, link.new.row))
        if link.new.row in touched:
            arrivals[link.new.row].append(
                Arrival(link.new.sentence, link.old.row, link.old.sentence.text)
            )
    result = list(current)
    for position in touched:
        row = base[position]
        result[position] = compose(
            row,
            row_text(row, old_texts, old_side=True),
            row_text(row, new_texts, old_side=False),
            departures.get(position, []),
            arrivals.get(position, []),
            options,
        )
    return result
