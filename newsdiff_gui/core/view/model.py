"""The reader's view of one comparison: plain immutable data every renderer reads.

One numbering for every reader: a `RowKey` (`core/rows.py`) is the headline
(number 0) or body row N (N ≥ 1, `Diff.rows[N - 1]`). Paragraph numbers are
1-based as a reader counts them ("¶3"), and always name a paragraph of one
version.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff_gui.core.align.model import ChangeKind, Diff, Row, TokenOp
from newsdiff_gui.core.annotations import Placement, ReviewState
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.view.phrases import flag_marks


@dataclass(frozen=True, slots=True)
class MovedFrom:
    """Where a moved row stood: just after `after` (the headline: it opened the article)."""

    here: RowKey
    after: RowKey

    @property
    def arrow(self) -> str:
        """Toward where it stood: ↑ when that place is above."""
        return "↑" if self.after < self.here else "↓"

    @property
    def opened_article(self) -> bool:
        return self.after.is_headline


@dataclass(frozen=True, slots=True)
class MoveRef:
    """One `moved_out`/`moved_in` token of a row and the place it points to.

    `token` is its index in the row's tokens; `there` the other row; `paragraph`
    the 0-based paragraph holding the text at the other place (a new paragraph
    for `moved_out`: where it stands now; an old one for `moved_in`: where it
    came from), None when the other row has no paragraph on that side.
    """

    op: TokenOp
    token: int
    here: RowKey
    there: RowKey
    paragraph: int | None

    @property
    def arrow(self) -> str:
        return "→" if self.op is TokenOp.MOVED_OUT else "←"

    @property
    def place(self) -> str:
        """'¶9' (the paragraph at the other place), or 'row 4' when it has none."""
        return self.there.label if self.paragraph is None else f"¶{self.paragraph + 1}"

    @property
    def label(self) -> str:
        """'→ ¶9' (now stands in new ¶9), '← ¶2' (came from old ¶2)."""
        return f"{self.arrow} {self.place}"


@dataclass(frozen=True, slots=True)
class RowExtras:
    """What only some rows have: where a moved row stood, moved text, notes, a verdict.

    Kept apart from `ViewRow` so the common row (unchanged, no note) shares one
    empty instance: a live blog's view holds 100,000 rows.
    """

    moved_from: MovedFrom | None = None
    origin_of: tuple[RowKey, ...] = ()  # moved rows that used to stand right after this one
    references: tuple[MoveRef, ...] = ()  # one per moved token, in token order
    # An added/removed row's text that stands elsewhere: "but its first sentence moved to ¶3".
    moved_text: str = ""
    notes: tuple[int, ...] = ()  # endnote numbers on this row
    review: ReviewState | None = None  # the latest verdict on this row, if any


NO_EXTRAS = RowExtras()


@dataclass(frozen=True, slots=True)
class ViewRow:
    """One row as every reader shows it (the headline is row 0).

    The paragraphs and flags are the diff row's own (`source`; the headline has
    none); the rarer facts are in `extras` and read through the properties below.
    """

    key: RowKey
    kind: ChangeKind
    marker: str  # the kind's marker; a moved row's arrow points toward where it stood
    label: str  # "edited", "moved ↑ (stood after row 3)", "removed, but its first …"
    source: Row | None = None  # the diff row; None for the headline
    extras: RowExtras = NO_EXTRAS

    @property
    def old_paragraphs(self) -> tuple[int, ...]:
        """0-based, as in the Diff."""
        return () if self.source is None else self.source.old

    @property
    def new_paragraphs(self) -> tuple[int, ...]:
        return () if self.source is None else self.source.new

    @property
    def minor(self) -> bool:
        return self.source is not None and self.source.minor

    @property
    def numbers_changed(self) -> bool:
        return self.source is not None and self.source.numbers_changed

    @property
    def quote_changed(self) -> bool:
        return self.source is not None and self.source.quote_changed

    @property
    def moved_from(self) -> MovedFrom | None:
        return self.extras.moved_from

    @property
    def origin_of(self) -> tuple[RowKey, ...]:
        return self.extras.origin_of

    @property
    def references(self) -> tuple[MoveRef, ...]:
        return self.extras.references

    @property
    def moved_text(self) -> str:
        return self.extras.moved_text

    @property
    def notes(self) -> tuple[int, ...]:
        return self.extras.notes

    @property
    def review(self) -> ReviewState | None:
        return self.extras.review

    @property
    def is_change(self) -> bool:
        return self.kind is not ChangeKind.UNCHANGED

    @property
    def flags(self) -> str:
        return flag_marks(self.numbers_changed, self.quote_changed)

    def reference(self, token: int) -> MoveRef | None:
        """The reference of the row's token number `token`, if it is moved text."""
        for ref in self.references:
            if ref.token == token:
                return ref
        return None


@dataclass(frozen=True, slots=True)
class Fold:
    """A run of body rows folded into one line ("… 4 unchanged paragraphs not shown")."""

    first: RowKey
    last: RowKey

    @property
    def count(self) -> int:
        return self.last.number - self.first.number + 1

    @property
    def keys(self) -> tuple[RowKey, ...]:
        return tuple(RowKey(n) for n in range(self.first.number, self.last.number + 1))


@dataclass(frozen=True, slots=True)
class ReaderView:
    """A comparison as readers see it: the headline row, then the body rows in order.

    `placements` are the annotations placed on this diff (empty when notes are
    left out); endnote numbers are those of `core.annotations.place_annotations`.
    """

    diff: Diff
    headline: ViewRow
    rows: tuple[ViewRow, ...]
    placements: tuple[Placement, ...] = ()

    def row(self, key: RowKey) -> ViewRow:
        return self.headline if key.is_headline else self.rows[key.index]

    @property
    def all_rows(self) -> tuple[ViewRow, ...]:
        """The headline first, then the body rows."""
        return (self.headline, *self.rows)
