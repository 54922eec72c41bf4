"""Where moved text went and came from, in both directions, worked out once per diff.

Two kinds of move reach a reader:

- a whole paragraph that moved (`moved`, `moved_edited` rows): it stands where
  it is now; `moved_from_places` says which row it used to follow, and which
  rows are the origin of which moved rows (the "stood here" marks);
- a sentence that moved between paragraphs (schema 2's `moved_out`/`moved_in`
  tokens): `move_references` gives each such token the row and the paragraph
  of the other place, so a pane can jump there and a report can print "→ ¶9".
"""

from __future__ import annotations

from collections.abc import Iterator

from newsdiff_gui.core.align.model import PARAGRAPH_JOINER, ChangeKind, Diff, Row, Token, TokenOp
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.view.model import MovedFrom, MoveRef

MOVED_KINDS = (ChangeKind.MOVED, ChangeKind.MOVED_EDITED)


def moved_from_places(diff: Diff) -> dict[int, MovedFrom]:
    """For each moved row (by index): the row it used to follow.

    The same walk as `Diff.moved_from` (back past paragraphs that moved too, so
    a block that moved together points at one place), with the paragraph-to-row
    map built once: a long live blog has thousands of moved rows.
    """
    owner = {i: position for position, row in enumerate(diff.rows) for i in row.old}
    places = {}
    for position, row in enumerate(diff.rows):
        if row.kind not in MOVED_KINDS:
            continue
        after = RowKey.headline()
        index = row.old[0] - 1
        while index >= 0:
            if diff.rows[owner[index]].kind not in MOVED_KINDS:
                after = RowKey.body(owner[index])
                break
            index -= 1
        places[position] = MovedFrom(RowKey.body(position), after)
    return places


def origins(places: dict[int, MovedFrom]) -> dict[RowKey, tuple[RowKey, ...]]:
    """For each row (the headline for "the top"): the moved rows that used to follow it."""
    found: dict[RowKey, list[RowKey]] = {}
    for place in places.values():
        found.setdefault(place.after, []).append(place.here)
    return {key: tuple(keys) for key, keys in found.items()}


def original_text(token: Token) -> str:
    """The text a `moved_in` token had where it came from (its own text if not edited)."""
    if not token.tokens:
        return token.text
    return "".join(part.text for part in token.tokens if part.op.on_old_side)


def _positions(row: Row, new_side: bool) -> Iterator[tuple[int, Token, int]]:
    """(token index, token, paragraph ordinal within the row's side) for one side's tokens."""
    joiners = 0
    for number, token in enumerate(row.tokens):
        if not (token.op.on_new_side if new_side else token.op.on_old_side):
            continue
        lead = len(token.text) - len(token.text.lstrip())
        yield number, token, joiners + token.text[:lead].count(PARAGRAPH_JOINER)
        joiners += token.text.count(PARAGRAPH_JOINER)


def _paragraph(diff: Diff, here: int, op: TokenOp, text: str, nth: int) -> int | None:
    """The paragraph of the other place of the `nth` token `op` of row `here` holding `text`."""
    token = diff.rows[here].tokens[nth]
    if token.row is None or not 0 <= token.row < len(diff.rows):
        return None
    there = diff.rows[token.row]
    wanted = TokenOp.MOVED_IN if op is TokenOp.MOVED_OUT else TokenOp.MOVED_OUT
    new_side = wanted is TokenOp.MOVED_IN
    paragraphs = there.new if new_side else there.old
    candidates = [
        (ordinal, other)
        for _, other, ordinal in _positions(there, new_side)
        if other.op is wanted and other.row == here
    ]
    for ordinal, other in candidates:
        theirs = original_text(other) if new_side else other.text
        if theirs.strip() == text.strip() and ordinal < len(paragraphs):
            return paragraphs[ordinal]
    # No twin with that text (an inconsistent diff): point at the row's first paragraph.
    return paragraphs[0] if paragraphs else None


def move_references(diff: Diff) -> dict[int, tuple[MoveRef, ...]]:
    """For each row (by index) holding moved text: one reference per moved token."""
    references = {}
    for position, row in enumerate(diff.rows):
        refs = []
        for number, token in enumerate(row.tokens):
            if not token.op.moved or token.row is None:
                continue
            text = token.text if token.op is TokenOp.MOVED_OUT else original_text(token)
            refs.append(
                MoveRef(
                    op=token.op,
                    token=number,
                    here=RowKey.body(position),
                    there=RowKey.body(token.row),
                    paragraph=_paragraph(diff, position, token.op, text, number),
                )
            )
        if refs:
            references[position] = tuple(refs)
    return references
