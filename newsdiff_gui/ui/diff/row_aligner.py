"""Lining up the two panes row by row, a screenful at once and the rest from the event loop."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from newsdiff_gui.ui.diff.pane import DiffPane

# Rows aligned per step: small steps until the first screen is covered, then
# larger ones from the event loop (each well under the 50 ms stall budget).
FIRST_CHUNK = 12
LATER_CHUNK = 60
# Blocks of a long row laid out per step: 40 pieces of an unbroken paragraph
# (80,000 characters) take ~40 ms.
LONG_ROW_STEP = 40


class RowAligner(QObject):
    """Pads the shorter side of each row so both panes start every row together.

    Signals:

    chunkAligned()
        More rows have known positions (repaint markers and the overview).
    """

    chunkAligned = Signal()  # noqa: N815

    def __init__(self, old_pane: DiffPane, new_pane: DiffPane, parent: QObject) -> None:
        super().__init__(parent)
        self.old_pane, self.new_pane = old_pane, new_pane
        self.rows = 0
        self.aligned_upto = 0
        # Per pane: the last block laid out so far of the long row being aligned.
        self._laid_out_to: dict[int, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.next_chunk)

    def start(self, rows: int) -> None:
        """The first screenful now, so a long article paints quickly; the rest later."""
        self._timer.stop()
        self.rows, self.aligned_upto = rows, 0
        for pane in (self.old_pane, self.new_pane):
            pane.reset_alignment()
        if not rows:
            return
        self._laid_out_to.clear()
        screen = 2 * max(self.new_pane.viewport().height(), 400)
        while self.aligned_upto < rows:
            if not self._align_chunk(FIRST_CHUNK):
                break  # a long row: the rest of it is laid out from the event loop
            if self.new_pane.row_top(self.new_pane.aligned_rows - 1) > screen:
                break
        self._after_chunk()

    def _align_chunk(self, size: int) -> bool:
        """Align up to `size` more rows; False when it stopped at a long row whose
        layout is still under way (one more step of it was done)."""
        start = self.aligned_upto
        end = min(self.rows, start + size)
        laid_out = True
        for row in range(start, end):
            if not self._lay_out_step(row):
                end, laid_out = row, False
                break
        if end > start:
            left = self.old_pane.measure(start, end)
            right = self.new_pane.measure(start, end)
            tallest = [max(a, b) for a, b in zip(left, right, strict=True)]
            self.old_pane.pad(start, tallest)
            self.new_pane.pad(start, tallest)
            self.aligned_upto = end
        return laid_out

    def _lay_out_step(self, row: int) -> bool:
        """Whether the row is laid out on both sides; for a row of many blocks (a
        paragraph over the inline limit, written in pieces) lay out the next
        LONG_ROW_STEP blocks first. Measuring such a row at once would lay out
        all of it in one go (seconds for 5 MB); the panes paint what they show
        of it meanwhile, as the text layout lays out only what is painted."""
        done = True
        for pane in (self.old_pane, self.new_pane):
            blocks = pane.blocks[row]
            reached = max(self._laid_out_to.get(id(pane), -1), blocks.first)
            if blocks.last - reached > LONG_ROW_STEP:
                reached += LONG_ROW_STEP
                pane.lay_out_to(reached)
                self._laid_out_to[id(pane)] = reached
                done = False
        return done

    def next_chunk(self) -> None:
        if self.aligned_upto < self.rows:
            self._align_chunk(LATER_CHUNK)
            self._after_chunk()

    def _after_chunk(self) -> None:
        self.old_pane.viewport().update()
        self.new_pane.viewport().update()
        self.chunkAligned.emit()
        if self.aligned_upto < self.rows:
            self._timer.start()

    def done(self) -> bool:
        return self.rows > 0 and self.aligned_upto >= self.rows

    def finish(self, upto: int | None = None) -> None:
        """Align every row now, or rows up to `upto` and a screenful after it (the
        rest goes on from the event loop): jumping to a change near the top of a
        100,000-paragraph comparison must not wait for its whole layout."""
        self._timer.stop()
        end = self.rows if upto is None else min(self.rows, upto + LATER_CHUNK)
        while self.aligned_upto < end:
            self._align_chunk(LATER_CHUNK)
        self._after_chunk()
