"""One folding rule for the panes and the reports."""

from __future__ import annotations

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.view import PANE_MIN_FOLD, Fold, RowKey, ViewRow, changes_only, fold_rows
from newsdiff_gui.core.view.model import NO_EXTRAS, RowExtras


def _rows(kinds: str) -> list[ViewRow]:
    """'u' unchanged, 'e' edited, 'n' unchanged with a note."""
    return [
        ViewRow(
            RowKey.body(i),
            ChangeKind.EDITED if k == "e" else ChangeKind.UNCHANGED,
            "",
            "",
            extras=RowExtras(notes=(1,)) if k == "n" else NO_EXTRAS,
        )
        for i, k in enumerate(kinds)
    ]


def _shape(items: list[ViewRow | Fold]) -> list[str]:
    return [
        f"fold {i.first.number}-{i.last.number}" if isinstance(i, Fold) else str(i.key.number)
        for i in items
    ]


def test_changes_only_keeps_context_notes_and_folds_the_rest() -> None:
    rows = _rows("uuuueuuuuunuu")
    assert _shape(changes_only(rows, context=1)) == [
        "fold 1-3",
        "4",
        "5",
        "6",
        "fold 7-9",
        "10",
        "11",
        "12",
        "fold 13-13",
    ]


def test_panes_fold_runs_of_three_or_more_unless_opened() -> None:
    rows = _rows("uueuuueu")
    keep = [row.is_change for row in rows]
    assert _shape(fold_rows(rows, keep, min_run=PANE_MIN_FOLD)) == [
        "1",
        "2",
        "3",
        "fold 4-6",
        "7",
        "8",
    ]
    opened = fold_rows(rows, keep, min_run=PANE_MIN_FOLD, expanded={4})
    assert _shape(opened) == ["1", "2", "3", "4", "5", "6", "7", "8"]


def test_a_fold_counts_and_lists_its_rows() -> None:
    fold = Fold(RowKey(4), RowKey(6))
    assert fold.count == 3 and fold.keys == (RowKey(4), RowKey(5), RowKey(6))
