"""The one row numbering every reader shares: the headline is 0, body row N is `Diff.rows[N - 1]`.

Annotations, the reader's view, the reports and the panes all number rows with
`RowKey`; its `label` ("headline", "row 3") and its `anchor` ("row-3") are made
here only. It lives apart from `core.view` so `core.annotations` can use it
without importing the view (which reads annotations).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class RowKey:
    """A row as readers number it: 0 is the headline, N ≥ 1 is `Diff.rows[N - 1]`."""

    number: int

    def __post_init__(self) -> None:
        if self.number < 0:
            raise ValueError(f"row numbers start at 0 (the headline): {self.number}")

    @classmethod
    def headline(cls) -> RowKey:
        return cls(0)

    @classmethod
    def body(cls, index: int) -> RowKey:
        """The key of `Diff.rows[index]`."""
        if index < 0:
            raise ValueError(f"not a body row index: {index}")
        return cls(index + 1)

    @property
    def is_headline(self) -> bool:
        return self.number == 0

    @property
    def index(self) -> int:
        """The index into `Diff.rows`; the headline has none."""
        if self.is_headline:
            raise ValueError("the headline is not a body row")
        return self.number - 1

    @property
    def label(self) -> str:
        """'headline' or 'row 3'."""
        return "headline" if self.is_headline else f"row {self.number}"

    @property
    def anchor(self) -> str:
        """The HTML id of the row in a report or a diff page: 'row-0' (headline), 'row-3'."""
        return f"row-{self.number}"
