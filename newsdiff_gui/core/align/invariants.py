"""DESIGN.md's diff invariants as a checker: one message per violation, [] when sound.

Used by the property tests and by the quality benchmark, so it checks the
contract itself and nothing about the quality of the pairing. Invariant 6
(truth: moved sentences named in both places, nothing still there shown as
gone or new) lives in invariants_truth.py.
"""

from __future__ import annotations

import math

from newsdiff_gui.core.align.invariants_truth import check_moves, check_truth
from newsdiff_gui.core.align.model import (
    KIND_ARITY,
    MOVABLE_TEXT_KINDS,
    PARAGRAPH_JOINER,
    TOKENISED_KINDS,
    ChangeKind,
    Diff,
    DiffStats,
    Row,
    Token,
    TokenOp,
    paragraph_text,
)


def check_invariants(diff: Diff) -> list[str]:
    """Every violated invariant of `diff`, as readable messages (empty list: all hold)."""
    problems: list[str] = []
    problems += _check_kinds(diff)
    problems += _check_coverage(diff)  # invariant 1
    problems += _check_display_order(diff)  # invariant 2
    problems += _check_tokens(diff)  # invariants 3 and 5 (token order = listed order)
    problems += _check_regrouped_order(diff)  # invariant 5 for regrouped rows
    problems += _check_similarity(diff)  # invariant 4
    problems += _check_same_text(diff)
    problems += _check_title(diff)
    problems += _check_stats(diff)
    problems += check_moves(diff)  # invariant 6: moves name each other
    problems += check_truth(diff)  # invariant 6: nothing still there shown as gone or new
    return problems


def _check_kinds(diff: Diff) -> list[str]:
    problems = []
    for position, row in enumerate(diff.rows):
        want_old, want_new = KIND_ARITY[row.kind]
        for side, want, got in (("old", want_old, row.old), ("new", want_new, row.new)):
            if want is None and len(got) < 2:
                problems.append(f"row {position}: {row.kind.value} needs 2+ {side} paragraphs")
            elif want is not None and len(got) != want:
                problems.append(
                    f"row {position}: {row.kind.value} needs {want} {side} paragraph(s), "
                    f"has {len(got)}"
                )
    return problems


def _check_coverage(diff: Diff) -> list[str]:
    problems = []
    for side, count in (("old", len(diff.old.paragraphs)), ("new", len(diff.new.paragraphs))):
        seen: dict[int, int] = {}
        for position, row in enumerate(diff.rows):
            for index in getattr(row, side):
                if not 0 <= index < count:
                    problems.append(
                        f"invariant 1: row {position} has {side} index {index} "
                        f"outside 0..{count - 1}"
                    )
                elif index in seen:
                    problems.append(
                        f"invariant 1: {side} paragraph {index} is in rows "
                        f"{seen[index]} and {position}"
                    )
                else:
                    seen[index] = position
        missing = [i for i in range(count) if i not in seen]
        if missing:
            problems.append(f"invariant 1: {side} paragraphs {missing[:10]} are in no row")
    return problems


def _check_display_order(diff: Diff) -> list[str]:
    """Rows follow the new order; each run of removed rows sits by an old neighbour.

    A row's place in the new order is its first new paragraph (a regrouped or
    split row stands where its first paragraph does). A maximal run of
    removed rows (consecutive in display, consecutive old indices a..b in
    order) must follow the row holding old a-1 or precede the row holding old
    b+1, with at most other removed rows in between (several runs can have
    their neighbours in one merged or regrouped row, and only two of them can
    touch it), or open the diff when a == 0, or close it when b is the last
    old paragraph.
    """
    problems = []
    rows = diff.rows
    last_new = -1
    for position, row in enumerate(rows):
        if row.new:
            first = min(row.new)
            if first <= last_new:
                problems.append(f"invariant 2: row {position} (new {first}) is out of new order")
            last_new = max(last_new, first)
    owner = {i: position for position, row in enumerate(rows) for i in row.old}
    last_old = len(diff.old.paragraphs) - 1
    position = 0
    while position < len(rows):
        if rows[position].kind is not ChangeKind.REMOVED:
            position += 1
            continue
        start = position
        while (
            position + 1 < len(rows)
            and rows[position + 1].kind is ChangeKind.REMOVED
            and rows[position + 1].old[0] == rows[position].old[0] + 1
        ):
            position += 1
        end = position
        position += 1
        if not (rows[start].old and rows[end].old):
            continue  # reported by the kind check
        first, last = rows[start].old[0], rows[end].old[0]
        before, after = start - 1, end + 1
        while before >= 0 and rows[before].kind is ChangeKind.REMOVED:
            before -= 1
        while after < len(rows) and rows[after].kind is ChangeKind.REMOVED:
            after += 1
        placed = (
            (first == 0 and before == -1)
            or (last == last_old and after == len(rows))
            or (first > 0 and owner.get(first - 1) == before)
            or (last < last_old and owner.get(last + 1) == after)
        )
        if not placed:
            problems.append(
                f"invariant 2: removed old paragraph(s) {first}..{last} (rows {start}..{end}) "
                "are not next to the row of an old neighbour"
            )
    return problems


def _join(diff: Diff, row: Row, side: str) -> str:
    document = diff.old if side == "old" else diff.new
    indices = row.old if side == "old" else row.new
    return PARAGRAPH_JOINER.join(paragraph_text(document.paragraphs[i]) for i in indices)


def _side_texts(tokens: tuple[Token, ...]) -> tuple[str, str]:
    old = "".join(t.text for t in tokens if t.op.on_old_side)
    new = "".join(t.text for t in tokens if t.op.on_new_side)
    return old, new


def _check_tokens(diff: Diff) -> list[str]:
    problems = []
    for position, row in enumerate(diff.rows):
        if not row.tokens:
            if row.kind in TOKENISED_KINDS:
                problems.append(f"row {position}: {row.kind.value} row has no tokens")
            continue
        if row.kind in MOVABLE_TEXT_KINDS:
            if not any(t.op.moved for t in row.tokens):
                problems.append(
                    f"row {position}: {row.kind.value} row has tokens but no moved text"
                )
        elif row.kind not in TOKENISED_KINDS:
            problems.append(f"row {position}: {row.kind.value} row should carry no tokens")
        if any(not t.text for t in row.tokens):
            problems.append(f"invariant 3: row {position} has an empty token")
        old, new = _side_texts(row.tokens)
        if old != _join(diff, row, "old"):
            problems.append(f"invariant 3: row {position}: equal+delete tokens != old text")
        if new != _join(diff, row, "new"):
            problems.append(f"invariant 3: row {position}: equal+insert tokens != new text")
    return problems


def _check_regrouped_order(diff: Diff) -> list[str]:
    """A regrouped row lists a run of consecutive old paragraphs, ascending, and its
    new paragraphs ascending (not necessarily consecutive: two neighbouring
    regrouped rows can interleave their new paragraphs).

    Each side then reads as it stands in its own version, and the tokens, which
    follow the listed order (invariant 3), diff the two runs as the reader sees
    them: text that only crossed paragraph breaks is equal, text that also
    changed its order is a move within the row. ("The order their text appears
    on the other side" has no meaning here: one old paragraph's sentences stand
    in several new ones, and one new paragraph gathers several old ones.)
    """
    problems = []
    for position, row in enumerate(diff.rows):
        if row.kind is not ChangeKind.REGROUPED or not row.old:
            continue
        if list(row.old) != list(range(row.old[0], row.old[0] + len(row.old))):
            problems.append(
                f"invariant 5: regrouped row {position} old {list(row.old)} "
                "is not a run of consecutive paragraphs in ascending order"
            )
        if any(a >= b for a, b in zip(row.new, row.new[1:], strict=False)):
            problems.append(
                f"invariant 5: regrouped row {position} new {list(row.new)} is not ascending"
            )
    return problems


def _check_similarity(diff: Diff) -> list[str]:
    problems = []
    for position, row in enumerate(diff.rows):
        if row.kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
            if row.similarity is not None:
                problems.append(f"invariant 4: row {position} ({row.kind.value}) has a similarity")
        elif row.similarity is None or not (
            math.isfinite(row.similarity) and 0.0 <= row.similarity <= 1.0
        ):
            problems.append(
                f"invariant 4: row {position} similarity {row.similarity} not in [0, 1]"
            )
    return problems


def _check_same_text(diff: Diff) -> list[str]:
    """`unchanged`/`moved` rows hold equal texts; edited ones differ."""
    problems = []
    for position, row in enumerate(diff.rows):
        if row.kind in (ChangeKind.UNCHANGED, ChangeKind.MOVED):
            if _join(diff, row, "old") != _join(diff, row, "new"):
                problems.append(f"row {position}: {row.kind.value} row's texts differ")
        elif row.kind in (ChangeKind.EDITED, ChangeKind.MOVED_EDITED) and _join(
            diff, row, "old"
        ) == _join(diff, row, "new"):
            problems.append(f"row {position}: {row.kind.value} row's texts are equal")
    return problems


def _check_title(diff: Diff) -> list[str]:
    old_title, new_title = paragraph_text(diff.old.title), paragraph_text(diff.new.title)
    problems = []
    if any(not t.text for t in diff.title.tokens):
        problems.append("title has an empty token")
    if _side_texts(diff.title.tokens) != (old_title, new_title):
        problems.append("invariant 3: title tokens do not reproduce the titles")
    want = ChangeKind.UNCHANGED if old_title == new_title else ChangeKind.EDITED
    if diff.title.kind is not want:
        problems.append(f"title kind is {diff.title.kind.value}, expected {want.value}")
    return problems


def _word_counts(tokens: tuple[Token, ...]) -> tuple[int, int]:
    """(inserted, deleted) words of tokens, inside edited moved sentences too."""
    added = removed = 0
    for token in tokens:
        for part in (token, *token.tokens):
            if part.op is TokenOp.INSERT:
                added += len(part.text.split())
            elif part.op is TokenOp.DELETE:
                removed += len(part.text.split())
    return added, removed


def expected_stats(diff: Diff) -> DiffStats:
    """Stats recomputed from the rows (see `DiffStats` for what the word counts mean)."""
    counts = dict.fromkeys((kind.value for kind in ChangeKind), 0)
    added = removed = moved = 0
    for row in diff.rows:
        counts[row.kind.value] += 1
        moved += sum(t.op is TokenOp.MOVED_IN for t in row.tokens)
        if row.kind is ChangeKind.ADDED and not row.tokens:
            added += len(_join(diff, row, "new").split())
        elif row.kind is ChangeKind.REMOVED and not row.tokens:
            removed += len(_join(diff, row, "old").split())
        else:
            row_added, row_removed = _word_counts(row.tokens)
            added += row_added
            removed += row_removed
    return DiffStats(**counts, sentences_moved=moved, words_added=added, words_removed=removed)


def _check_stats(diff: Diff) -> list[str]:
    want = expected_stats(diff)
    if diff.stats != want:
        return [f"stats {diff.stats} do not match the rows ({want})"]
    return []
