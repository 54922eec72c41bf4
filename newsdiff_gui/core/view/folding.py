"""Folding runs of rows nobody needs to read, one rule for the panes and the reports.

The panes fold each run of at least three unchanged rows into one "… n unchanged
paragraphs" line that opens on a click; a changes-only report keeps the changes,
the rows that carry notes or a "stood here" mark, and `context` rows around
them. Both are `fold_rows` with other arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from newsdiff_gui.core.view.model import Fold, ViewRow

# A report leaves out any run of rows; the panes keep runs shorter than this, as
# folding two paragraphs saves nothing.
PANE_MIN_FOLD = 3


def worth_showing(row: ViewRow) -> bool:
    """What a changes-only report keeps: changes, rows with notes, origins of moved rows."""
    return row.is_change or bool(row.notes) or bool(row.origin_of)


def fold_rows(
    rows: Sequence[ViewRow],
    keep: Sequence[bool],
    *,
    context: int = 0,
    min_run: int = 1,
    expanded: Collection[int] = (),
) -> list[ViewRow | Fold]:
    """`rows` with every run of rows not kept (and not within `context` rows of a
    kept one) replaced by a `Fold`, unless the run is shorter than `min_run` or its
    first row's number is in `expanded` (the reader opened it)."""
    if len(keep) != len(rows):
        raise ValueError("one keep flag per row")
    shown = [False] * len(rows)
    for position, kept in enumerate(keep):
        if kept:
            for near in range(max(0, position - context), min(len(rows), position + context + 1)):
                shown[near] = True
    body: list[ViewRow | Fold] = []
    run: list[ViewRow] = []

    def flush() -> None:
        if len(run) >= min_run and run[0].key.number not in expanded:
            body.append(Fold(run[0].key, run[-1].key))
        else:
            body.extend(run)
        run.clear()

    for row, visible in zip(rows, shown, strict=True):
        if visible:
            if run:
                flush()
            body.append(row)
        else:
            run.append(row)
    if run:
        flush()
    return body


def changes_only(rows: Sequence[ViewRow], context: int) -> list[ViewRow | Fold]:
    """A changes-only report's body rows (every unshown run folded)."""
    return fold_rows(rows, [worth_showing(row) for row in rows], context=context)
