"""Blocks of the PDF report and how they fall onto pages.

Everything the report prints is a `Columns` block: one or more `Flow`s of text
side by side (a diff row's old and new cells, a provenance label and its
value, a note) inside a `Chrome` that draws what surrounds the text (tints,
gutters, rules). A block too tall for the space left on a page is cut between
lines: each column keeps the lines that fit and continues on the next page
from its first line that did not, so both cells of a row go on side by side.

`paginate` is a first pass that only measures, so the painter knows the page
count ("Page 3 of 12") before it draws page 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from newsdiff_gui.ui.report_pdf_text import TEXT, Flow


class Chrome(Protocol):
    """What a block draws around its text; `first` is False on a continuation."""

    def top(self, first: bool) -> float:
        """Room above the text."""
        ...

    def bottom(self) -> float:
        """Room below the text."""
        ...

    def min_height(self, first: bool) -> float:
        """The least height of the block (a gutter may be taller than one line)."""
        ...

    def paint(self, painter: QPainter, rect: QRectF, first: bool) -> None:
        """Draw behind the text, inside `rect` (the whole block)."""
        ...


@dataclass(frozen=True, slots=True)
class Padding:
    """Chrome that draws nothing: only space above and below the text."""

    above: float = 0.0
    below: float = 0.0

    def top(self, first: bool) -> float:
        return self.above

    def bottom(self) -> float:
        return self.below

    def min_height(self, first: bool) -> float:
        return 0.0

    def paint(self, painter: QPainter, rect: QRectF, first: bool) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Columns:
    """Flows side by side in a chrome, all starting at the same height.

    `keep_with_next` is room the next block needs on the same page (a heading
    never ends a page); `rows` is how many report rows the block finishes,
    for the progress callback.
    """

    flows: tuple[Flow, ...]
    chrome: Chrome
    width: float
    first: bool = True
    keep_with_next: float = 0.0
    rows: int = 0

    @property
    def height(self) -> float:
        text = max((flow.height for flow in self.flows), default=0.0)
        total = self.chrome.top(self.first) + text + self.chrome.bottom()
        return max(total, self.chrome.min_height(self.first))

    def split(self, available: float) -> tuple[Columns, Columns] | None:
        """The part that fits in `available` and the continuation, or None when not
        even one line fits."""
        room = available - self.chrome.top(self.first) - self.chrome.bottom()
        parts = [flow.split(room) for flow in self.flows]
        heads = tuple(head for head, _ in parts)
        tails = tuple(tail for _, tail in parts)
        if not any(head.lines for head in heads) or not any(tail.lines for tail in tails):
            return None
        head = replace(self, flows=heads, keep_with_next=0.0, rows=0)
        if head.height > available:  # a gutter taller than the lines that fit
            return None
        return head, replace(self, flows=tails, first=False)

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        self.chrome.paint(painter, QRectF(x, y, self.width, self.height), self.first)
        painter.setPen(TEXT)
        top = y + self.chrome.top(self.first)
        for flow in self.flows:
            flow.paint(painter, x, top)


@dataclass(frozen=True, slots=True)
class Spacer:
    """Vertical space between blocks; dropped at the top of a page."""

    height: float


@dataclass(frozen=True, slots=True)
class Entry:
    """A block in reading order; `running_head` is repeated at the top of every page
    the block continues on (the diff's column headings)."""

    block: Columns | Spacer
    running_head: Columns | None = None


@dataclass(frozen=True, slots=True)
class Placed:
    block: Columns
    y: float  # from the top of the page's content area


@dataclass(frozen=True, slots=True)
class Page:
    blocks: tuple[Placed, ...]


class _Pages:
    """The pages so far and the cursor on the last one."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.done: list[Page] = []
        self.current: list[Placed] = []
        self.y = 0.0
        self.head_height = 0.0  # of the running head on this page

    @property
    def remaining(self) -> float:
        return self.height - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= self.head_height

    def place(self, block: Columns) -> None:
        self.current.append(Placed(block, self.y))
        self.y += block.height

    def new_page(self, running_head: Columns | None) -> None:
        self.done.append(Page(tuple(self.current)))
        self.current, self.y, self.head_height = [], 0.0, 0.0
        if running_head is not None:
            self.place(running_head)
            self.head_height = self.y

    def finish(self) -> list[Page]:
        if self.current or not self.done:
            self.done.append(Page(tuple(self.current)))
        return self.done


def paginate(
    entries: Sequence[Entry],
    page_height: float,
    cancelled: Callable[[], bool] | None = None,
) -> list[Page]:
    """Blocks onto pages of content height `page_height`.

    A block that does not fit in the space left moves to the next page when it
    fits on a page; a taller one is cut between lines, starting where it stands.
    """
    pages = _Pages(page_height)
    kept = _kept_with_next(entries)
    for entry, keep in zip(entries, kept, strict=True):
        if cancelled is not None and cancelled():
            break
        block = entry.block
        if isinstance(block, Spacer):
            if not pages.at_top:
                pages.y = min(pages.height, pages.y + block.height)
            continue
        rest: Columns | None = block
        while rest is not None:
            needed = rest.height + (keep if rest is block else 0.0)
            if needed <= pages.remaining or (pages.at_top and rest.height <= pages.remaining):
                pages.place(rest)
                rest = None
                continue
            head = entry.running_head
            fresh_page = page_height - (head.height if head is not None else 0.0)
            if not pages.at_top and rest.height <= fresh_page:
                pages.new_page(head)
                continue
            parts = rest.split(pages.remaining)
            if parts is None:
                if pages.at_top:
                    # Not one line fits on an empty page: print it anyway rather
                    # than loop for ever (no font we use is that tall).
                    pages.place(rest)
                    rest = None
                else:
                    pages.new_page(head)
                continue
            pages.place(parts[0])
            pages.new_page(head)
            rest = parts[1]
    return pages.finish()


def _kept_with_next(entries: Sequence[Entry]) -> list[float]:
    """The room each block needs below it on its page.

    A block's `keep_with_next` is room for the start of the next block. When
    the next block keeps with its own next (a heading, then the column headings,
    then the first row), the whole chain must fit: the heading needs the column
    headings' height plus what they need in turn.
    """
    needs = [0.0] * len(entries)
    chain = 0.0  # what the following block needs on the same page, when it keeps
    for index in range(len(entries) - 1, -1, -1):
        block = entries[index].block
        if isinstance(block, Spacer) or not block.keep_with_next:
            chain = 0.0
            continue
        needs[index] = max(block.keep_with_next, chain)
        chain = block.height + needs[index]
    return needs
