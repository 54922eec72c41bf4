"""The overview bar beside the panes: every change as a mark at its relative height.

Like Meld's, it shows the whole article at once: where the changes are, and
where the panes are looking now. A click jumps to the change nearest to it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.pane import DiffPane

WIDTH = 16
# A click this close to a mark (in bar pixels) goes to that change.
SNAP = 8


class OverviewBar(QWidget):
    """Signals:

    rowRequested(int display_row)
        The user clicked next to a change's mark.
    """

    rowRequested = Signal(int)  # noqa: N815

    def __init__(self, pane: DiffPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane = pane
        self.setFixedWidth(WIDTH)
        self.setToolTip("Every change in the article; click to go to one")
        self.setAccessibleName("Overview of changes")
        pane.verticalScrollBar().valueChanged.connect(self.update)
        pane.verticalScrollBar().rangeChanged.connect(self.update)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(WIDTH, 100)

    def _scale(self) -> float:
        # A short article fills only part of the bar, as it fills part of the pane.
        # The height is the scroll range's, as far as the text is laid out: asking
        # the document for its size would lay all of it out first (seconds for
        # 100,000 paragraphs or a 5 MB one), and the layout goes on from the
        # event loop anyway.
        bar = self.pane.verticalScrollBar()
        height = max(float(bar.maximum() + bar.pageStep()), float(self.pane.viewport().height()))
        return (self.height() - 2) / height if height > 0 else 0.0

    def marks(self) -> list[tuple[int, QRectF]]:
        """(display row, rectangle in bar coordinates) for every change."""
        scale = self._scale()
        result = []
        aligned = self.pane.aligned_rows
        for row in self.pane.change_rows:
            if row >= aligned:
                break
            band = self.pane.row_band(row)
            top = 1 + band.top() * scale
            height = max(3.0, band.height() * scale)
            result.append((row, QRectF(2, top, WIDTH - 4, height)))
        return result

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # Ended on every path: a painter left open corrupts every later paint.
        with QPainter(self) as painter:
            palette = self.palette()
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.AlternateBase))
            moved = theme.marker_colour(ChangeKind.MOVED, palette)
            for row, rect in self.marks():
                info = self.pane.rows[row]
                painter.fillRect(rect, theme.marker_colour(info.kind, palette))
                if info.moved_text:
                    # Part of its text moved to or came from another row: half the
                    # mark in the moved colour.
                    painter.fillRect(rect.adjusted(rect.width() / 2, 0, 0, 0), moved)
            # Where the panes are looking now.
            scale = self._scale()
            bar = self.pane.verticalScrollBar()
            if scale and bar.maximum() > 0:
                top = 1 + bar.value() * scale
                height = self.pane.viewport().height() * scale
                pen = QPen(palette.color(QPalette.ColorRole.WindowText))
                pen.setWidthF(1.0)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(0.5, top, WIDTH - 1.5, max(4.0, height)))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        y = event.position().y()
        nearest = min(
            self.marks(),
            key=lambda mark: abs(mark[1].center().y() - y),
            default=None,
        )
        if nearest is not None and abs(nearest[1].center().y() - y) <= SNAP + nearest[1].height():
            self.rowRequested.emit(nearest[0])
            return
        scale = self._scale()
        if scale:
            bar = self.pane.verticalScrollBar()
            bar.setValue(int((y - 1) / scale - self.pane.viewport().height() / 2))
