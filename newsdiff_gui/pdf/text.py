"""Plain text laid out line by line for the PDF report.

Article text is untrusted, so it only ever reaches Qt as the plain string of a
`QTextLayout`: markup such as `<b>` or `<img>` prints as the characters it is.
A paragraph is kept as its laid-out lines (`TextLine`), and a `Flow` is a
column of such lines; a page break may fall between any two lines, never
through one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from newsdiff_gui.core.align.model import too_long_for_words

TEXT = QColor("#1a1a1a")
MUTED = QColor("#4d4d4d")  # 8.5:1 on white, still ≥ 4.5:1 on every row tint
RULE = QColor("#c4c4c4")
WHITE = QColor("#ffffff")

# Extra space between lines, as a share of the font's own line height: the
# report is read closely, and highlighted words need air above and below.
LINE_SPACING = 0.18

# A paragraph over the inline limit prints this much smaller (9 pt → 6.3 pt).
LONG_TEXT_SCALE = 0.7

# QTextLayout breaks lines at U+2028; a bare "\n" would print as a blank glyph.
_LINE_SEPARATOR = "\u2028"


def utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def ink(colour: QColor) -> QTextCharFormat:
    """A run format that only sets the text colour."""
    style = QTextCharFormat()
    style.setForeground(colour)
    return style


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of a paragraph's text and how it looks (None: the paragraph's font)."""

    text: str
    format: QTextCharFormat | None = None


@dataclass(frozen=True, slots=True)
class TextLine:
    """One laid-out line: `layout.lineAt(index)`, drawn with its left edge at `x`."""

    layout: QTextLayout
    index: int
    x: float
    top: float  # within the flow it belongs to
    height: float  # the line and the spacing below it

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def draw(self, painter: QPainter, left: float, top: float) -> None:
        # QTextLine.draw adds the line's own position (kept at 0, 0).
        self.layout.lineAt(self.index).draw(painter, QPointF(left, top))


@dataclass(frozen=True, slots=True)
class PlainLine:
    """One line of a paragraph over the inline limit: plain text, drawn as is.

    No `QTextLayout` behind it: such a paragraph is cut into lines by counting
    characters of a monospaced font (see `Typesetter._long_paragraph`).
    """

    text: str
    font: QFont
    ascent: float
    x: float
    top: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def draw(self, painter: QPainter, left: float, top: float) -> None:
        painter.setFont(self.font)
        painter.drawText(QPointF(left, top + self.ascent), self.text)


Line = TextLine | PlainLine


@dataclass(frozen=True, slots=True)
class Flow:
    """A column of lines, top to bottom, measured from its first line's top."""

    lines: tuple[Line, ...] = ()

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        return self.lines[-1].bottom - self.lines[0].top

    def split(self, room: float) -> tuple[Flow, Flow]:
        """The lines that fit in `room` (whole lines only) and the rest."""
        if not self.lines:
            return self, self
        start = self.lines[0].top
        count = 0
        while count < len(self.lines) and self.lines[count].bottom - start <= room:
            count += 1
        return Flow(self.lines[:count]), Flow(self.lines[count:])

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        if not self.lines:
            return
        start = self.lines[0].top
        for line in self.lines:
            line.draw(painter, x + line.x, y + line.top - start)

    def __add__(self, other: Flow) -> Flow:
        """`other` stacked below this flow."""
        if not other.lines:
            return self
        if not self.lines and other.lines[0].top == 0.0:
            return other  # nothing to move (a cell of one paragraph: 100,000 lines for 5 MB)
        offset = (self.lines[-1].bottom if self.lines else 0.0) - other.lines[0].top
        moved = tuple(replace(line, top=offset + line.top) for line in other.lines)
        return Flow(self.lines + moved)


@dataclass(frozen=True, slots=True)
class Caption:
    """A short line drawn as is, in a box of its own (row numbers, markers, note numbers).

    Cheaper than a `QTextLayout` for the handful of characters a gutter holds;
    `QPainter.drawText` takes the string as plain text too.
    """

    text: str
    font: QFont
    colour: QColor
    rect: QRectF  # within the block
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    boxed: bool = False

    def paint(self, painter: QPainter, x: float, y: float, pen_width: float) -> None:
        rect = self.rect.translated(x, y)
        if self.boxed:
            painter.setPen(QPen(self.colour, pen_width))
            painter.drawRect(rect)
        painter.setPen(self.colour)
        painter.setFont(self.font)
        # Never clipped: a caption's box is measured from its own text.
        flags = self.align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextDontClip
        painter.drawText(rect, int(flags), self.text)


class Typesetter:
    """Fonts and text layout for one paint device (the PDF being written).

    Lengths are in device units; `pt` is one typographic point in them.
    Everything is created per export, so an export may run on a worker thread.
    """

    def __init__(self, device: QPaintDevice) -> None:
        self.device = device
        self.pt = device.logicalDpiY() / 72
        # The default sans family; Qt falls back per character to any installed
        # font that has the glyph, so non-Latin text still prints.
        self._sans = QFont()
        self._sans.setStyleHint(QFont.StyleHint.SansSerif)
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._mono.setStyleHint(QFont.StyleHint.Monospace)
        for font in (self._sans, self._mono):
            # No fi/fl ligatures: the PDF's text must search and copy as typed
            # ("flood", not "ﬂood"), and pypdf reads ligatures back as one glyph.
            for tag in ("liga", "clig"):
                font.setFeature(QFont.Tag.fromString(tag), 0)
        self._fonts: dict[tuple[float, bool, bool, bool], QFont] = {}
        self._metrics: dict[str, QFontMetricsF] = {}

    def font(
        self, size: float, *, bold: bool = False, italic: bool = False, mono: bool = False
    ) -> QFont:
        """A font of the report (shared: callers must not change it)."""
        key = (size, bold, italic, mono)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self._mono if mono else self._sans)
            font.setPointSizeF(size)
            font.setBold(bold)
            font.setItalic(italic)
            self._fonts[key] = font
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        key = font.key()
        metrics = self._metrics.get(key)
        if metrics is None:
            metrics = self._metrics[key] = QFontMetricsF(font, self.device)
        return metrics

    def line_height(self, font: QFont) -> float:
        """The height `paragraph` gives one line of `font`."""
        return self.metrics(font).height() * (1 + LINE_SPACING)

    def elided(self, text: str, font: QFont, width: float) -> str:
        single_line = " ".join(text.split())
        return self.metrics(font).elidedText(single_line, Qt.TextElideMode.ElideRight, width)

    def text_width(self, text: str, font: QFont) -> float:
        return self.metrics(font).horizontalAdvance(text)

    def paragraph(
        self,
        runs: Sequence[Run] | str,
        font: QFont,
        width: float,
        *,
        x: float = 0.0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> Flow:
        """One paragraph wrapped to `width`; unbroken strings (URLs, hashes) wrap anywhere."""
        if isinstance(runs, str):
            runs = (Run(runs),)
        text = "".join(run.text for run in runs).replace("\n", _LINE_SEPARATOR)
        if too_long_for_words(len(text)):
            return self._long_paragraph(text, font, width, x, align)
        layout = QTextLayout(text, font, self.device)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.setFormats(_format_ranges(runs))
        lines: list[TextLine] = []
        top = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, 0))
            height = line.height() * (1 + LINE_SPACING)
            lines.append(TextLine(layout, line.lineNumber(), x, top, height))
            top += height
        layout.endLayout()
        return Flow(tuple(lines))

    def _long_paragraph(
        self, text: str, font: QFont, width: float, x: float, align: Qt.AlignmentFlag
    ) -> Flow:
        """A paragraph over the inline limit: plain, in a small monospaced font, with
        lines broken anywhere.

        Breaking at word boundaries costs time that grows with the square of the
        longest unbroken run (a 5 MB run never finished), and laying out millions
        of characters with `QTextLayout` costs more than printing them. In a
        monospaced font a line is a count of characters, so the text is cut by
        counting; a line holding characters the font may lack (drawn from a wider
        fallback font) is measured and shortened until it fits. Such text is there
        to be complete and searchable more than to be read line by line.
        """
        font = self.font(
            font.pointSizeF() * LONG_TEXT_SCALE, bold=font.bold(), italic=font.italic(), mono=True
        )
        metrics = self.metrics(font)
        per_line = max(1, int(width // metrics.horizontalAdvance("M")))
        # Set solid (the font's own line spacing, no extra air): a block kept for
        # completeness, not for reading line by line, on as few pages as it can.
        height = metrics.lineSpacing()
        text = text.replace(_LINE_SEPARATOR, " ")
        right_aligned = bool(align & Qt.AlignmentFlag.AlignRight)
        lines: list[Line] = []
        position = 0
        while position < len(text):
            end = _line_end(text, position, per_line)
            line = text[position:end]
            while not line.isascii() and len(line) > 1 and metrics.horizontalAdvance(line) > width:
                end = _line_end(text, position, max(1, len(line) * 9 // 10))
                line = text[position:end]
            shift = width - metrics.horizontalAdvance(line) if right_aligned else 0.0
            lines.append(
                PlainLine(line, font, metrics.ascent(), x + shift, len(lines) * height, height)
            )
            position = end
        return Flow(tuple(lines))

    def flow(
        self,
        paragraphs: Sequence[Sequence[Run] | str],
        font: QFont,
        width: float,
        *,
        x: float = 0.0,
        spacing: float = 0.0,
    ) -> Flow:
        """Paragraphs one below the other, `spacing` apart."""
        flow = Flow()
        for runs in paragraphs:
            if flow.lines and spacing:
                flow = _with_space_below(flow, spacing)
            flow = flow + self.paragraph(runs, font, width, x=x)
        return flow


def _with_space_below(flow: Flow, amount: float) -> Flow:
    """The flow with its last line's slot grown by `amount`: the gap between two
    paragraphs belongs to the one above, so a page break drops it with that page."""
    *rest, last = flow.lines
    grown = replace(last, height=last.height + amount)
    return Flow((*rest, grown))


def _line_end(text: str, start: int, count: int) -> int:
    """Where a line of about `count` characters from `start` ends: never just before
    a combining mark or a joiner, which belong with the character before them."""
    end = min(len(text), start + count)
    while start + 1 < end < len(text) and (
        unicodedata.combining(text[end]) or text[end] in "\u200c\u200d"
    ):
        end -= 1
    return end


def _format_ranges(runs: Sequence[Run]) -> list[QTextLayout.FormatRange]:
    ranges = []
    start = 0
    for run in runs:
        length = utf16_length(run.text)
        if run.format is not None and length:
            format_range = QTextLayout.FormatRange()
            format_range.start = start
            format_range.length = length
            format_range.format = run.format
            ranges.append(format_range)
        start += length
    return ranges
