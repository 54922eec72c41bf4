"""Blocks of the PDF report and how they fall onto pages.

Everything the report prints is a `Columns` block: one or more `Flow`s of text
side by side (a diff row's old and new cells, a provenance label and its
value, a note) inside a `Chrome` that draws what surrounds the text (tints,
gutters, rules). A block too tall for the space left on a page is cut between
lines: each column keeps the lines that fit and continues on the next page
from its first line that did not, so both cells of a row go on side by side.

`paginate_lazily` hands out each page as soon as it is full, so a long report
is laid out and painted a page at a time: the painter runs it once to count
the pages ("Page 3 of 12") and again to draw them, and never holds them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from newsdiff_gui.pdf.text import TEXT, Flow


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
    """The page being filled and the cursor on it; finished pages are handed on."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.done: list[Page] = []  # finished, not yet taken by the caller
        self.current: list[Placed] = []
        self.y = 0.0
        self.head_height = 0.0  # of the running head on this page
        self.started = False

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
        self.started = True
        self.current, self.y, self.head_height = [], 0.0, 0.0
        if running_head is not None:
            self.place(running_head)
            self.head_height = self.y

    def take(self) -> list[Page]:
        finished, self.done = self.done, []
        return finished

    def finish(self) -> list[Page]:
        if self.current or not self.started:
            self.done.append(Page(tuple(self.current)))
        return self.take()


def paginate(
    entries: Iterable[Entry],
    page_height: float,
    cancelled: Callable[[], bool] | None = None,
) -> list[Page]:
    """Blocks onto pages of content height `page_height` (all pages at once)."""
    return list(paginate_lazily(entries, page_height, cancelled))


def paginate_lazily(
    entries: Iterable[Entry],
    page_height: float,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[Page]:
    """Blocks onto pages of content height `page_height`, each page as soon as it is full.

    `entries` may be a generator: only the blocks of the page being filled (and
    the few that keep with the next) are held, so a report of any length is laid
    out in bounded memory when the caller drops each page once painted.

    A block that does not fit in the space left moves to the next page when it
    fits on a page; a taller one is cut between lines, starting where it stands.
    """
    pages = _Pages(page_height)
    for entry, keep in _kept_with_next(entries):
        if cancelled is not None and cancelled():
            break
        _place(pages, entry, keep, page_height)
        yield from pages.take()
    yield from pages.finish()


def _place(pages: _Pages, entry: Entry, keep: float, page_height: float) -> None:
    block = entry.block
    if isinstance(block, Spacer):
        if not pages.at_top:
            pages.y = min(pages.height, pages.y + block.height)
        return
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


def _kept_with_next(entries: Iterable[Entry]) -> Iterator[tuple[Entry, float]]:
    """Each entry with the room it needs below it on its page.

    A block's `keep_with_next` is room for the start of the next block. When
    the next block keeps with its own next (a heading, then the column headings,
    then the first row), the whole chain must fit: the heading needs the column
    headings' height plus what they need in turn. Only such a chain is held
    back until the block that ends it arrives.
    """
    chain: list[Entry] = []
    for entry in entries:
        block = entry.block
        if isinstance(block, Columns) and block.keep_with_next:
            chain.append(entry)
            continue
        yield from _resolve(chain)
        chain = []
        yield entry, 0.0
    yield from _resolve(chain)


def _resolve(chain: Sequence[Entry]) -> Iterator[tuple[Entry, float]]:
    needs = [0.0] * len(chain)
    following = 0.0  # what the next block of the chain needs on the same page
    for index in range(len(chain) - 1, -1, -1):
        block = chain[index].block
        assert isinstance(block, Columns)
        needs[index] = max(block.keep_with_next, following)
        following = block.height + needs[index]
    yield from zip(chain, needs, strict=True)
