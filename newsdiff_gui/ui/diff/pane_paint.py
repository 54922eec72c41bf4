"""What `DiffPane` paints behind its text: kind markers, collapsed rows, note badges
and the "moved from here" lines.

Plain functions of the painter and what they draw, so the pane keeps only the
choice of rows on show and where each one is.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.document import GUTTER, NOTE_MARGIN
from newsdiff_gui.ui.diff.rows import DisplayRow
from newsdiff_gui.ui.diff.side_script import ROW_GAP

# Rows of several paragraphs held together by a bracket in the gutter.
BRACKETED_KINDS = (ChangeKind.SPLIT, ChangeKind.MERGED, ChangeKind.REGROUPED)
MOVED_MARK_LABEL = "↕ a moved paragraph stood here (click to go to it)"
# In a narrow pane the click hint goes first, then the rest is elided: a label cut
# by the pane's edge reads as a glitch.
MOVED_MARK_SHORT_LABEL = "↕ a moved paragraph stood here"


def paint_marker(
    painter: QPainter,
    info: DisplayRow,
    band: QRectF,
    palette: QPalette,
    marker_font: QFont,
    small_font: QFont,
) -> None:
    """The change's kind marker in the gutter (a moved row's arrow points toward
    where it stood), its number/quote flags below, and a bracket for a split,
    merged or regrouped row."""
    if not info.is_change or info.row is None:
        return
    colour = theme.marker_colour(info.kind, palette)
    painter.setPen(colour)
    painter.setFont(marker_font)
    marker = info.row.marker
    line = QRectF(band.left() + 2, band.top() + ROW_GAP / 2 - 1, GUTTER - 8, 20)
    painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, marker)
    flags = info.row.flags
    if flags:
        painter.setFont(small_font)
        painter.drawText(
            line.translated(0, 18),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            flags,
        )
    if info.kind in BRACKETED_KINDS:
        # A bracket holding the row's paragraphs together.
        pen = QPen(colour)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        x = band.left() + GUTTER - 9
        top, bottom = band.top() + 4, band.bottom() - 4
        painter.drawLine(QLineF(x, top, x, bottom))
        painter.drawLine(QLineF(x, top, x + 5, top))
        painter.drawLine(QLineF(x, bottom, x + 5, bottom))


def note_badge_rect(band: QRectF, count: int) -> QRectF:
    """The badge sits in the right margin, at the row's first line."""
    width = NOTE_MARGIN - 4
    return QRectF(band.right() - width, band.top() + ROW_GAP / 2 - 1, width, 16 * count)


def paint_note_badge(
    painter: QPainter,
    band: QRectF,
    notes: list[tuple[int, str]],
    palette: QPalette,
    font: QFont,
) -> None:
    """Numbered badges for the row's review notes: three at most, then "+n"."""
    rect = note_badge_rect(band, 1)
    painter.setFont(font)
    for number, _text in notes[:3]:
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        label = str(number) if number < 100 else "…"
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        rect.translate(0, rect.height() + 2)
    if len(notes) > 3:
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"+{len(notes) - 3}")


def paint_collapsed(painter: QPainter, band: QRectF, palette: QPalette) -> None:
    """A dotted frame around a folded "… n unchanged paragraphs" row."""
    pen = QPen(palette.color(QPalette.ColorRole.Mid))
    pen.setStyle(Qt.PenStyle.DotLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(band.adjusted(GUTTER - 6, 1, -1, -1))


def paint_moved_mark(
    painter: QPainter, y: float, text_width: float, palette: QPalette, font: QFont
) -> None:
    """A dashed line across the text at document y, labelled, where a moved
    paragraph used to stand (old side)."""
    colour = theme.marker_colour(ChangeKind.MOVED, palette)
    pen = QPen(colour)
    pen.setWidthF(1.5)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QLineF(4, y, text_width - 4, y))
    painter.setFont(font)
    painter.setPen(colour)
    metrics = painter.fontMetrics()
    room = max(0, int(text_width - GUTTER - 12))
    label = MOVED_MARK_LABEL
    if metrics.horizontalAdvance(label) > room:
        label = metrics.elidedText(MOVED_MARK_SHORT_LABEL, Qt.TextElideMode.ElideRight, room)
    rect = QRectF(GUTTER, y - metrics.height() / 2, metrics.horizontalAdvance(label) + 8, 0)
    rect.setHeight(metrics.height())
    # The label sits on the line: the base colour behind it keeps it readable.
    painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
    painter.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, label)
