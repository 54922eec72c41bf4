"""One side of the diff: selectable text with row bands and kind markers painted behind it.

The pane does not know about the other side. `DiffView` gives both panes
their documents, asks each for its rows' natural heights, and pads the shorter
side of every row so the two start each row at the same height.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QMenu, QTextEdit, QToolTip, QWidget

from newsdiff_gui.core.view.phrases import flag_phrases
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.document import FRAME_MARGIN, GUTTER, set_row_padding
from newsdiff_gui.ui.diff.layout import joined_selection, lay_out_skipped
from newsdiff_gui.ui.diff.pane_paint import (
    paint_collapsed,
    paint_marker,
    paint_moved_mark,
    paint_note_badge,
)
from newsdiff_gui.ui.diff.rows import DisplayRow, MovedMark, moved_row_of
from newsdiff_gui.ui.diff.side_script import ROW_GAP, RowBlocks


class DiffPane(QTextEdit):
    """Signals:

    gutterClicked(int display_row)
        The user clicked the marker column of a row.
    movedMarkClicked(int moved_display_row)
        The user clicked a "moved from here" line (old side only).
    collapsedClicked(int display_row)
        The user clicked a folded "… n unchanged paragraphs" row.
    rowMenuRequested(int display_row, QMenu menu)
        The context menu of a row is about to open; receivers may add actions.
    movedTextClicked(RowKey row)
        The user clicked the arrow beside moved text ("→ ¶3"): go to that row.
    """

    gutterClicked = Signal(int)  # noqa: N815
    collapsedClicked = Signal(int)  # noqa: N815
    movedMarkClicked = Signal(int)  # noqa: N815
    rowMenuRequested = Signal(int, QMenu)  # noqa: N815
    movedTextClicked = Signal(object)  # noqa: N815

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName(accessible_name)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.blocks: list[RowBlocks] = []
        self.rows: list[DisplayRow] = []
        self.change_rows: list[int] = []  # display rows that are changes, in order
        self.moved_marks: list[MovedMark] = []
        # Review notes by display row: (number, text) each, drawn as numbered badges.
        self.note_marks: dict[int, list[tuple[int, str]]] = {}
        # Per aligned row: natural height, document y and padded height. Empty until
        # `set_rows`; Qt may paint or deliver clicks before any comparison is shown.
        self._natural: list[float] = []
        self._tops: list[float] = []
        self._heights: list[float] = []
        self.current_row: int | None = None  # the display row the reader is on
        self._flash_row: int | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(700)
        self._flash_timer.timeout.connect(self._end_flash)

    def set_rows(
        self, blocks: list[RowBlocks], rows: list[DisplayRow], moved: list[MovedMark]
    ) -> None:
        """`moved`: the "stood here" lines to draw (old side)."""
        self.blocks, self.rows, self.moved_marks = blocks, rows, moved
        self.change_rows = [number for number, row in enumerate(rows) if row.is_change]
        self.current_row = None
        self.reset_alignment()

    def set_note_marks(self, marks: dict[int, list[tuple[int, str]]]) -> None:
        self.note_marks = marks
        self.viewport().update()

    # -- geometry ----------------------------------------------------------------

    def _block_rect(self, number: int) -> QRectF:
        block = self.document().findBlockByNumber(number)
        return self.document().documentLayout().blockBoundingRect(block)

    @property
    def aligned_rows(self) -> int:
        """Rows [0, aligned_rows) are padded and have known positions."""
        return len(self._tops)

    def reset_alignment(self) -> None:
        self._natural, self._tops, self._heights = [], [], []

    def lay_out_to(self, block: int) -> None:
        """Lay the document out down to `block` (the layout goes top to bottom)."""
        self._block_rect(block)

    def measure(self, start: int, end: int) -> list[float]:
        """Natural heights of rows [start, end): without the gap and padding below."""
        heights = []
        lay_out_skipped(self.document(), self.blocks[start:end])
        for blocks in self.blocks[start:end]:
            # A block's bounding rect leaves out its bottom margin (our padding).
            first = self._block_rect(blocks.first)
            if blocks.last == blocks.first:
                heights.append(first.height())
            else:
                heights.append(self._block_rect(blocks.last).bottom() - first.top())
        del self._natural[start:]
        self._natural.extend(heights)
        return heights

    def pad(self, start: int, heights: list[float]) -> None:
        """Pad rows start… to `heights` (measured with `measure` first).

        Only rows whose two sides differ change, and the text layout redoes just
        those blocks, so aligning chunk by chunk costs about one layout in total.
        """
        own = self._natural[start : start + len(heights)]
        extras = [wanted - mine for wanted, mine in zip(heights, own, strict=True)]
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for blocks, extra in zip(self.blocks[start:], extras, strict=False):
            set_row_padding(cursor, blocks, extra)
        cursor.endEditBlock()
        if start + len(heights) == len(self.blocks) and extras:
            # The layout drops the last block's bottom margin: pad the frame instead,
            # so both documents end at the same height and scroll ranges match.
            frame = self.document().rootFrame()
            frame_format = frame.frameFormat()
            wanted = FRAME_MARGIN + max(0.0, extras[-1])
            if frame_format.bottomMargin() != wanted:
                frame_format.setBottomMargin(wanted)
                frame.setFrameFormat(frame_format)
        # Rows now follow each other at known heights: keep their positions rather
        # than asking the layout on every paint (a test checks they agree).
        del self._tops[start:], self._heights[start:]
        if start == 0:
            top = self._block_rect(self.blocks[0].first).top() if self.blocks else 0.0
        else:
            top = self._tops[-1] + self._heights[-1] + ROW_GAP
        for height in heights:
            self._tops.append(top)
            self._heights.append(height)
            top += height + ROW_GAP

    def row_top(self, row: int) -> float:
        """Document y of the row's first line."""
        return self._tops[row]

    def measured_row_top(self, row: int) -> float:
        """The same, asked of the text layout (slow; for tests)."""
        return self._block_rect(self.blocks[row].first).top()

    def row_band(self, row: int) -> QRectF:
        """The row's painted band in document coordinates (text plus its padding)."""
        top = self._tops[row]
        width = self.document().textWidth()
        return QRectF(2, top - ROW_GAP / 2 + 1, width - 4, self._heights[row] + ROW_GAP - 2)

    def row_at(self, y: float) -> int | None:
        """The display row at document y (None outside every row)."""
        position = bisect.bisect_right(self._tops, y + ROW_GAP / 2) - 1
        return position if 0 <= position < len(self._tops) else None

    def shown_moved_marks(self) -> list[MovedMark]:
        """The moved marks whose place is known: below the last aligned row, the
        rows are still being laid out from the event loop."""
        everything = self.aligned_rows == len(self.rows)
        return [m for m in self.moved_marks if everything or m.after + 1 < self.aligned_rows]

    def _mark_y(self, mark: MovedMark) -> float:
        following = mark.after + 1
        if following < len(self.blocks):
            return self.row_top(following) - ROW_GAP / 2
        return self.row_band(mark.after).bottom() + ROW_GAP / 2

    def scroll_to_row(self, row: int) -> None:
        # A little context above the row reads better than the row glued to the edge.
        self.verticalScrollBar().setValue(max(0, int(self.row_top(row) - 3 * ROW_GAP)))

    def catch_up_scroll_range(self, row: int) -> None:
        """Make the scroll range reach the row's band now.

        The text edit follows the layout's growth from the event loop, so right
        after far rows were aligned (laid out), scrolling to them would stop at
        the old end of the range."""
        bar = self.verticalScrollBar()
        wanted = int(self.row_top(row)) + 1  # the row at the top of the view
        if wanted > bar.maximum():
            bar.setRange(0, wanted)

    def flash_row(self, row: int) -> None:
        self._flash_row = row
        self._flash_timer.start()
        self.viewport().update()

    def _end_flash(self) -> None:
        self._flash_row = None
        self.viewport().update()

    # -- painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.blocks:
            # Ended on every path: a painter left open corrupts every later paint.
            with QPainter(self.viewport()) as painter:
                painter.translate(0, -self.verticalScrollBar().value())
                self._paint_rows(painter)
        super().paintEvent(event)

    def _paint_rows(self, painter: QPainter) -> None:
        palette = self.palette()
        top_visible = self.verticalScrollBar().value() - 50
        bottom_visible = top_visible + self.viewport().height() + 100
        marker_font = QFont(self.font())
        marker_font.setBold(True)
        small_font = QFont(self.font())
        small_font.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.8))
        # Only the rows on show: a long live blog has 100,000 of them.
        first = max(0, bisect.bisect_right(self._tops, top_visible) - 1)
        last = bisect.bisect_right(self._tops, bottom_visible)
        for row in range(first, min(last, self.aligned_rows)):
            info = self.rows[row]
            band = self.row_band(row)
            if band.bottom() < top_visible or band.top() > bottom_visible:
                continue
            if info.fold is not None:
                paint_collapsed(painter, band, palette)
                continue
            background = None if info.plain else theme.row_background(info.kind, palette)
            if background is not None and info.minor:
                # Minor edits (punctuation, case) get a fainter band: present, not loud.
                background = theme.blend(palette.color(QPalette.ColorRole.Base), background, 0.5)
            if background is not None:
                painter.fillRect(band, background)
            if row == self._flash_row or row == self.current_row:
                pen = QPen(palette.color(QPalette.ColorRole.Highlight))
                pen.setWidthF(3.0 if row == self._flash_row else 1.5)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(band.adjusted(1, 1, -1, -1))
            paint_marker(painter, info, band, palette, marker_font, small_font)
            if row in self.note_marks:
                paint_note_badge(painter, band, self.note_marks[row], palette, small_font)
        text_width = self.document().textWidth()
        for mark in self.shown_moved_marks():
            paint_moved_mark(painter, self._mark_y(mark), text_width, palette, small_font)

    # -- interaction -------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        y = event.position().y() + self.verticalScrollBar().value()
        if event.button() == Qt.MouseButton.LeftButton:
            target = moved_row_of(self.anchorAt(event.position().toPoint()))
            if target is not None:
                self.movedTextClicked.emit(target)
                return
            for mark in self.shown_moved_marks():
                if abs(self._mark_y(mark) - y) <= 6:
                    self.movedMarkClicked.emit(mark.moved_row)
                    return
            row = self.row_at(y)
            if row is not None and self.rows[row].fold is not None:
                self.collapsedClicked.emit(row)
                return
            if row is not None and event.position().x() < GUTTER:
                self.gutterClicked.emit(row)
                return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        row = self.row_at(event.pos().y() + self.verticalScrollBar().value())
        if row is not None:
            menu.addSeparator()
            self.rowMenuRequested.emit(row, menu)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        """Copied text reads as the article: a long paragraph written in pieces
        (see `SideWriter`) is joined back where its pieces meet."""
        data = super().createMimeDataFromSelection()
        joined = joined_selection(self.textCursor())
        if joined is None:
            return data
        # The text edit's own data makes its text from the selection when asked:
        # a plain copy with the joined text instead (and the formatted one as is).
        plain = QMimeData()
        plain.setText(joined)
        if data.hasHtml():
            plain.setHtml(data.html())
        return plain

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        # A hand over the arrows that jump, as over a link.
        over_arrow = moved_row_of(self.anchorAt(event.position().toPoint())) is not None
        shape = Qt.CursorShape.PointingHandCursor if over_arrow else Qt.CursorShape.IBeamCursor
        if self.viewport().cursor().shape() != shape:
            self.viewport().setCursor(shape)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self.rows:
            position: QPoint = event.pos()  # type: ignore[attr-defined]
            row = self.row_at(position.y() + self.verticalScrollBar().value())
            tip = self._arrow_tip(position)
            if row is not None and self.rows[row].is_change:
                tip.append(row_description(self.rows[row]))
            if row is not None:
                tip += [
                    f"Note {number}: {text or '(no text yet)'}"
                    for number, text in self.note_marks.get(row, [])
                ]
            if tip:
                QToolTip.showText(event.globalPos(), "\n\n".join(tip), self)  # type: ignore[attr-defined]
                return True
            QToolTip.hideText()
        return super().viewportEvent(event)

    def _arrow_tip(self, position: QPoint) -> list[str]:
        """The tooltip of the moved-text arrow under the pointer, if any."""
        href = self.anchorAt(position)
        if moved_row_of(href) is None:
            return []
        cursor = self.cursorForPosition(position)
        # The pointer is over the character before or after the cursor's place.
        for _ in range(2):
            char_format = cursor.charFormat()
            if char_format.anchorHref() == href:
                return [char_format.toolTip()]
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        return []


def row_description(info: DisplayRow) -> str:
    """The row in words, for tooltips and screen readers: the view's label and flags."""
    assert info.row is not None, "a fold is not a change"
    words = [info.row.label, *flag_phrases(info.numbers_changed, info.quote_changed)]
    if info.row.moved_from is not None:
        words.append("click the marker to see where it was")
    return "; ".join(words)
