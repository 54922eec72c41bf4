"""The aligned diff of the PDF report: one block per `ReportRow`, as on screen.

A row is a narrow gutter (row number, kind marker, flags, note numbers) and
the old and new cells side by side, under a small line naming the row's kind.
Colour is only a second signal (DESIGN.md): deleted words are struck through,
inserted ones underlined, and every changed row names its kind in words, so a
greyscale print still shows what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from newsdiff_gui.core.align.model import ChangeKind, too_long_for_words, too_long_note
from newsdiff_gui.core.report.model import Cell, Omitted, Piece, ReportRow, SourceInfo
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.pdf.layout import Columns
from newsdiff_gui.pdf.text import (
    MUTED,
    RULE,
    TEXT,
    WHITE,
    Caption,
    Flow,
    Run,
    Typesetter,
    ink,
)
from newsdiff_gui.pdf.words import kind_ink, row_tint, token_runs
from newsdiff_gui.qtcolours import SKY_BLUE, readable

BODY_SIZE = 9.0
TITLE_SIZE = 12.0
SMALL_SIZE = 7.0


@dataclass(frozen=True, slots=True)
class DiffGeometry:
    """Where the gutter and the two cells stand across the content width."""

    width: float
    pt: float

    @property
    def gutter(self) -> float:
        return 40 * self.pt

    @property
    def pad(self) -> float:
        """Space around a cell's text (room for a split/merged row's bracket)."""
        return 4.5 * self.pt

    @property
    def cell_width(self) -> float:
        return (self.width - self.gutter) / 2

    @property
    def old_x(self) -> float:
        return self.gutter

    @property
    def new_x(self) -> float:
        return self.gutter + self.cell_width

    @property
    def text_width(self) -> float:
        return self.cell_width - 2 * self.pad


@dataclass(frozen=True, slots=True)
class RowChrome:
    """Tint, gutter, kind line, column rule and bracket around a row's two cells."""

    geometry: DiffGeometry
    kind: ChangeKind
    labels: tuple[Flow, Flow]  # repeated on a continuation, where the gutter says "cont."
    gutter: tuple[Caption, ...]
    continued: Caption
    gutter_height: float
    bracket_x: float | None  # the left edge of a split/merged row's several paragraphs

    def top(self, first: bool) -> float:
        return self.geometry.pad * 0.75 + max(label.height for label in self.labels)

    def bottom(self) -> float:
        return self.geometry.pad

    def min_height(self, first: bool) -> float:
        return self.gutter_height if first else 0.0

    def paint(self, painter: QPainter, rect: QRectF, first: bool) -> None:
        g = self.geometry
        tint = row_tint(self.kind)
        if tint is not None:
            painter.fillRect(rect, tint)
            # The stripe in the kind's ink, not its raw hue: yellow on white (or in
            # greyscale) would all but vanish.
            stripe = QRectF(rect.left(), rect.top(), 2.5 * g.pt, rect.height())
            painter.fillRect(stripe, kind_ink(self.kind))
        painter.setPen(QPen(RULE, 0.5 * g.pt))
        divider = rect.left() + g.new_x
        painter.drawLine(QLineF(divider, rect.top(), divider, rect.bottom()))
        painter.drawLine(QLineF(rect.left(), rect.bottom(), rect.right(), rect.bottom()))
        x, y = rect.left(), rect.top()
        painter.setPen(TEXT)
        for label in self.labels:
            label.paint(painter, x, y + g.pad * 0.75)
        for caption in self.gutter if first else (self.continued,):
            caption.paint(painter, x, y, 0.6 * g.pt)
        if self.bracket_x is not None:
            # "split/merged purple with a bracket": a [ along the several paragraphs.
            painter.setPen(QPen(kind_ink(self.kind), 1.0 * g.pt))
            left = x + self.bracket_x
            top, bottom = y + self.top(first), rect.bottom() - g.pad
            tick = 1.8 * g.pt  # ends clear of the text, which starts `pad` in
            painter.drawLine(QLineF(left, top, left, bottom))
            painter.drawLine(QLineF(left, top, left + tick, top))
            painter.drawLine(QLineF(left, bottom, left + tick, bottom))


@dataclass(frozen=True, slots=True)
class BandChrome:
    """A plain band: optional fill, a rule below, a dashed rule above."""

    above: float
    below: float
    fill: QColor | None = None
    rule: QColor | None = field(default_factory=lambda: QColor(RULE))
    dashed: QColor | None = None
    pt: float = 1.0

    def top(self, first: bool) -> float:
        return self.above

    def bottom(self) -> float:
        return self.below

    def min_height(self, first: bool) -> float:
        return 0.0

    def paint(self, painter: QPainter, rect: QRectF, first: bool) -> None:
        if self.fill is not None:
            painter.fillRect(rect, self.fill)
        if self.rule is not None:
            painter.setPen(QPen(self.rule, 0.5 * self.pt))
            painter.drawLine(QLineF(rect.left(), rect.bottom(), rect.right(), rect.bottom()))
        if self.dashed is not None:
            pen = QPen(self.dashed, 1.0 * self.pt, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QLineF(rect.left(), rect.top(), rect.right(), rect.top()))


def _cell_flow(
    cell: Cell,
    kind: ChangeKind,
    side: str,
    x: float,
    title: bool,
    typesetter: Typesetter,
    g: DiffGeometry,
) -> Flow:
    x += g.pad
    if not cell.paragraphs:
        font = typesetter.font(SMALL_SIZE + 1, italic=True)
        return typesetter.paragraph(
            [Run(f"not in the {side} version", ink(MUTED))], font, g.text_width, x=x
        )
    font = typesetter.font(TITLE_SIZE if title else BODY_SIZE, bold=title)
    paragraphs = [
        [Run(_text(paragraph))]
        if too_long_for_words(_length(paragraph))
        else token_runs(paragraph, kind)
        for paragraph in cell.paragraphs
    ]
    return typesetter.flow(paragraphs, font, g.text_width, x=x, spacing=4 * g.pt)


def _length(paragraph: tuple[Piece, ...]) -> int:
    return sum(len(token.text) for token in paragraph)


def _text(paragraph: tuple[Piece, ...]) -> str:
    return "".join(token.text for token in paragraph)


def longest_paragraph(row: ReportRow) -> int:
    """Characters of the row's longest paragraph, on either side."""
    paragraphs = row.old.paragraphs + row.new.paragraphs
    return max((_length(paragraph) for paragraph in paragraphs), default=0)


def _numbers(side: str, values: tuple[int, ...]) -> str:
    """'old ¶2, ¶3': each paragraph as the arrows of moved text name it (→ ¶3)."""
    return f"{side} {', '.join(f'¶{v}' for v in values)}" if values else ""


def _labels(row: ReportRow, typesetter: Typesetter, g: DiffGeometry) -> tuple[Flow, Flow]:
    """The line above the cells: the kind and old paragraph numbers over the old cell,
    the new paragraph numbers over the new one (so the line reads across both)."""
    if not row.is_change and not row.is_title:
        return Flow(), Flow()  # unchanged rows name their kind in the gutter
    font = typesetter.font(SMALL_SIZE, bold=True)
    muted = ink(MUTED)
    muted.setFontWeight(400)
    left = [Run(row.label, ink(kind_ink(row.kind)))]
    if row.review is not None:
        left.append(Run(f"   ✓ {row.review.label}", ink(TEXT)))
    if row.old_paragraphs:
        left.append(Run("   " + _numbers("old", row.old_paragraphs), muted))
    longest = longest_paragraph(row)
    if too_long_for_words(longest):
        # Said in words: the row is laid out plain, without its word highlights.
        left.append(Run(f"   ({too_long_note(longest)})", muted))
    right = [Run(_numbers("new", row.new_paragraphs), muted)]
    return (
        typesetter.paragraph(left, font, g.text_width, x=g.old_x + g.pad),
        typesetter.paragraph(right, font, g.text_width, x=g.new_x + g.pad),
    )


class _GutterBuilder:
    """Captions stacked down the gutter: number and marker, kind, flags, note numbers."""

    def __init__(self, typesetter: Typesetter, g: DiffGeometry) -> None:
        self.typesetter, self.g = typesetter, g
        self.left = 4 * g.pt  # clear of the kind stripe
        self.inner = g.gutter - self.left - 2 * g.pt
        self.captions: list[Caption] = []
        self.top = g.pad

    def line(self, text: str, size: float, colour: QColor, *, bold: bool = False) -> None:
        font = self.typesetter.font(size, bold=bold)
        height = self.typesetter.line_height(font)
        self.captions.append(
            Caption(text, font, colour, QRectF(self.left, self.top, self.inner, height))
        )
        self.top += height

    def number_and_marker(self, row: ReportRow) -> None:
        number = self.typesetter.font(SMALL_SIZE + 1, bold=True)
        marker = self.typesetter.font(BODY_SIZE + 1, bold=True)
        height = max(self.typesetter.line_height(number), self.typesetter.line_height(marker))
        text = "" if row.is_title else str(row.number)
        box = QRectF(self.left, self.top, self.inner, height)
        if text:
            self.captions.append(Caption(text, number, TEXT, box))
        wide = self.typesetter.text_width(text, number) + self.typesetter.text_width(
            row.marker, marker
        )
        if text and row.marker and wide + 2 * self.g.pt > self.inner:
            # A long row number and a two-character marker: the marker goes below.
            self.top += height
            box = QRectF(self.left, self.top, self.inner, height)
        right = Qt.AlignmentFlag.AlignRight
        self.captions.append(Caption(row.marker, marker, kind_ink(row.kind), box, right))
        self.top += height

    def badges(self, notes: tuple[int, ...]) -> None:
        font = self.typesetter.font(SMALL_SIZE - 0.5, bold=True)
        pt = self.g.pt
        height = self.typesetter.metrics(font).height() + pt
        x, top = self.left, self.top + pt
        centre = Qt.AlignmentFlag.AlignHCenter
        for note in notes:
            width = self.typesetter.text_width(str(note), font) + 3.5 * pt
            if x + width > self.left + self.inner and x > self.left:
                x, top = self.left, top + height + 1.5 * pt
            box = QRectF(x, top, width, height)
            self.captions.append(Caption(str(note), font, TEXT, box, centre, boxed=True))
            x += width + 2 * pt
        if notes:
            self.top = top + height + pt


def _gutter(
    row: ReportRow, typesetter: Typesetter, g: DiffGeometry
) -> tuple[tuple[Caption, ...], float]:
    builder = _GutterBuilder(typesetter, g)
    builder.number_and_marker(row)
    if not row.is_change and not row.is_title:
        builder.line(row.label, SMALL_SIZE - 1, MUTED)  # changed rows name it above the cells
    if row.flags:
        builder.line(row.flags, BODY_SIZE, TEXT, bold=True)
    builder.badges(row.notes)
    return tuple(builder.captions), builder.top + g.pad


def row_block(row: ReportRow, typesetter: Typesetter, g: DiffGeometry) -> Columns:
    old = _cell_flow(row.old, row.kind, "old", g.old_x, row.is_title, typesetter, g)
    new = _cell_flow(row.new, row.kind, "new", g.new_x, row.is_title, typesetter, g)
    gutter, gutter_height = _gutter(row, typesetter, g)
    font = typesetter.font(SMALL_SIZE)
    continued = Caption(
        f"{'' if row.is_title else row.number} cont.",
        font,
        MUTED,
        QRectF(4 * g.pt, g.pad, g.gutter - 6 * g.pt, typesetter.line_height(font)),
    )
    bracket_x = None
    if row.kind is ChangeKind.SPLIT and len(row.new.paragraphs) > 1:
        bracket_x = g.new_x + 1.5 * g.pt
    elif row.kind in (ChangeKind.MERGED, ChangeKind.REGROUPED) and len(row.old.paragraphs) > 1:
        # A regrouped row's paragraphs are several on both sides: one bracket says it.
        bracket_x = g.old_x + 1.5 * g.pt
    chrome = RowChrome(
        geometry=g,
        kind=row.kind,
        labels=_labels(row, typesetter, g),
        gutter=gutter,
        continued=continued,
        gutter_height=gutter_height,
        bracket_x=bracket_x,
    )
    return Columns((old, new), chrome, g.width, rows=1)


def omitted_block(item: Omitted, typesetter: Typesetter, g: DiffGeometry) -> Columns:
    font = typesetter.font(BODY_SIZE - 0.5, italic=True)
    width = g.width - g.old_x - 2 * g.pad
    text = typesetter.paragraph([Run(item.text, ink(MUTED))], font, width, x=g.old_x + g.pad)
    chrome = BandChrome(above=3 * g.pt, below=3 * g.pt, fill=QColor("#f3f3f3"), pt=g.pt)
    return Columns((text,), chrome, g.width, rows=1)


def origin_block(row: ReportRow, typesetter: Typesetter, g: DiffGeometry) -> Columns:
    """Below a row that moved paragraphs used to follow: where each of them stood."""
    colour = readable(SKY_BLUE, WHITE, TEXT)
    lines = [[Run(f"↳ {moved.label} stood here", ink(colour))] for moved in row.origin_of]
    width = g.width - g.old_x - 2 * g.pad
    text = typesetter.flow(lines, typesetter.font(SMALL_SIZE + 1), width, x=g.old_x + g.pad)
    chrome = BandChrome(above=2 * g.pt, below=2 * g.pt, dashed=SKY_BLUE, pt=g.pt)
    return Columns((text,), chrome, g.width)


def _side_heading(side: str, info: SourceInfo) -> str:
    when = f" · {to_iso(info.captured_at)}" if info.captured_at is not None else ""
    return f"{side} — {info.label}{when}"


def column_head(
    old: SourceInfo, new: SourceInfo, typesetter: Typesetter, g: DiffGeometry
) -> Columns:
    """The diff's column headings, repeated at the top of every page of the diff."""
    font = typesetter.font(SMALL_SIZE + 1, bold=True)
    row = typesetter.paragraph([Run("Row", ink(MUTED))], font, g.gutter - 6 * g.pt, x=4 * g.pt)
    left = typesetter.paragraph(_side_heading("Old", old), font, g.text_width, x=g.old_x + g.pad)
    right = typesetter.paragraph(_side_heading("New", new), font, g.text_width, x=g.new_x + g.pad)
    chrome = BandChrome(above=3 * g.pt, below=3 * g.pt, fill=QColor("#e8e8e8"), rule=MUTED, pt=g.pt)
    return Columns((row, left, right), chrome, g.width)
