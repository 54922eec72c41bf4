"""The panes' rows: the reader's view (`core/view`) with unchanged runs folded on request,
the "stood here" marks of moved rows, the arrows of moved text, and the legend.

Every fact here comes from the `ReaderView`: row numbers (`RowKey`), kind
markers and labels, where moved rows stood and where moved text went. The
panes add only what is theirs: which runs the reader folded or opened, and
minor edits shown plain ("hide minor").
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.report.legend import LEGEND_NOTES
from newsdiff_gui.core.view import (
    PANE_MIN_FOLD,
    Fold,
    MoveRef,
    ReaderView,
    RowKey,
    ViewRow,
    fold_rows,
)
from newsdiff_gui.core.view.phrases import (
    KIND_LABELS,
    KIND_MARKERS,
    MOVED_TEXT_NOTE,
    NUMBERS_CHANGED,
    NUMBERS_FLAG,
    QUOTE_CHANGED,
    QUOTE_FLAG,
)


@dataclass(frozen=True, slots=True)
class MovedMark:
    """On the old side: where a moved paragraph used to be (below display row `after`)."""

    after: int
    moved_row: int


# The anchor of a moved text's arrow: this prefix and the number of the row it leads to.
MOVED_LINK = "moved-row:"


def moved_link(ref: MoveRef) -> str:
    return f"{MOVED_LINK}{ref.there.number}"


def moved_row_of(href: str) -> RowKey | None:
    """The row an arrow beside moved text leads to (None: not such an arrow)."""
    if not href.startswith(MOVED_LINK):
        return None
    return RowKey(int(href.removeprefix(MOVED_LINK)))


def moved_tooltip(ref: MoveRef) -> str:
    """'Now stands in ¶9 (row 4) of the new version: click to go there.'"""
    if ref.op.on_old_side:
        where = f"Now stands in {ref.place} ({ref.there.label}) of the new version"
    else:
        where = f"Came from {ref.place} ({ref.there.label}) of the old version"
    return f"{where}: click to go there."


@dataclass(frozen=True, slots=True)
class DisplayRow:
    """A row of the panes: one row of the reader's view, or a fold of unchanged ones."""

    row: ViewRow | None = None
    fold: Fold | None = None
    plain: bool = False  # a minor edit shown without its markup ("hide minor")

    def __post_init__(self) -> None:
        if (self.row is None) == (self.fold is None):
            raise ValueError("a display row is a view row or a fold")

    @property
    def keys(self) -> tuple[RowKey, ...]:
        """The rows shown here: one, or all those folded."""
        if self.row is not None:
            return (self.row.key,)
        assert self.fold is not None
        return self.fold.keys

    @property
    def kind(self) -> ChangeKind:
        return ChangeKind.UNCHANGED if self.row is None else self.row.kind

    @property
    def minor(self) -> bool:
        return self.row is not None and self.row.minor

    @property
    def numbers_changed(self) -> bool:
        return self.row is not None and self.row.numbers_changed

    @property
    def quote_changed(self) -> bool:
        return self.row is not None and self.row.quote_changed

    @property
    def is_title(self) -> bool:
        return self.row is not None and self.row.key.is_headline

    @property
    def moved_text(self) -> bool:
        """Part of its text moved to (came from) another row."""
        return self.row is not None and bool(self.row.references)

    @property
    def is_change(self) -> bool:
        return self.row is not None and self.row.is_change and not self.plain


def display_rows(
    view: ReaderView,
    hide_unchanged: bool = False,
    hide_minor: bool = False,
    expanded: frozenset[int] = frozenset(),
) -> list[DisplayRow]:
    """The rows to paint, the headline first. With `hide_unchanged`, each run of
    unchanged rows (and, with `hide_minor`, minor edits) becomes one "… n unchanged
    paragraphs" row unless the number of the run's first row is in `expanded`."""
    rows = [DisplayRow(view.headline)]
    body: list[ViewRow | Fold] = list(view.rows)
    if hide_unchanged:
        keep = [row.is_change and not (hide_minor and row.minor) for row in view.rows]
        body = fold_rows(view.rows, keep, min_run=PANE_MIN_FOLD, expanded=expanded)
    for item in body:
        if isinstance(item, Fold):
            rows.append(DisplayRow(fold=item))
        else:
            rows.append(DisplayRow(item, plain=hide_minor and item.minor))
    return rows


def legend_text() -> str:
    """The legend above the panes, in the view's words and markers."""
    entries = []
    for kind in ChangeKind:
        if kind in (ChangeKind.UNCHANGED, ChangeKind.MOVED_EDITED):
            continue  # nothing to mark; a moved edit reads as moved and edited
        if kind is ChangeKind.MOVED:
            entries.append(f"↑↓ {KIND_LABELS[kind]} (toward where it stood)")
        else:
            entries.append(f"{KIND_MARKERS[kind]} {KIND_LABELS[kind]}")
    entries += [f"{NUMBERS_FLAG} {NUMBERS_CHANGED}", f"{QUOTE_FLAG} {QUOTE_CHANGED}"]
    return (
        "   ".join(entries) + f"\n{LEGEND_NOTES[0]}\n{MOVED_TEXT_NOTE} Click an arrow to go there."
    )


def moved_marks(rows: list[DisplayRow]) -> list[MovedMark]:
    """Where each shown moved row used to stand, in display rows (0 is the headline)."""
    display_of = {key: number for number, shown in enumerate(rows) for key in shown.keys}
    marks = []
    for number, shown in enumerate(rows):
        if shown.is_change and shown.row is not None and shown.row.moved_from is not None:
            marks.append(MovedMark(after=display_of[shown.row.moved_from.after], moved_row=number))
    return marks
