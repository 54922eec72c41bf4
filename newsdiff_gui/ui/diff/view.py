"""The diff area: summary header, old and new panes side by side, kept row-aligned and in step.

`Side` (one document of a comparison) lives in `comparison.py`; it is imported
here too, where the callers of `DiffView.compare` have always found it.

Alignment (`core.align.align`) runs in a `QThreadPool` job, never on the UI
thread, and the newest comparison asked for is the one shown
(`loading.ComparisonLoader`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from newsdiff_gui.core.align import Diff
from newsdiff_gui.core.view import ReaderView, RowKey, build_view
from newsdiff_gui.core.view.summary import summary_text
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.comparison import Comparison, Side
from newsdiff_gui.ui.diff.document import write_side
from newsdiff_gui.ui.diff.extraction_notice import ExtractionNotice
from newsdiff_gui.ui.diff.find import FindBar
from newsdiff_gui.ui.diff.loading import ComparisonLoader
from newsdiff_gui.ui.diff.overview import OverviewBar
from newsdiff_gui.ui.diff.pane import DiffPane
from newsdiff_gui.ui.diff.row_aligner import RowAligner
from newsdiff_gui.ui.diff.rows import DisplayRow, display_rows, legend_text, moved_marks
from newsdiff_gui.ui.diff.writing import Written

__all__ = ["DiffView", "Side"]


class _Pane(DiffPane):
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)  # re-wraps the document to the new width first
        self.resized.emit()


class DiffView(QWidget):
    """Signals:

    comparisonShown(Comparison comparison)
        A new comparison is about to be announced by diffShown (not sent when the same
        one is repainted, e.g. after folding).
    diffShown(int changes)
        A comparison was painted; `changes` is its number of changed rows (title included).
    rowMenuRequested(RowKey row, QMenu menu)
        The reader right-clicked a row; add actions to `menu` before it opens (a
        direct connection).
    """

    comparisonShown = Signal(object)  # noqa: N815
    diffShown = Signal(int)  # noqa: N815
    rowMenuRequested = Signal(object, QMenu)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.diff: Diff | None = None
        self.reader_view: ReaderView | None = None
        self.rows: list[DisplayRow] = []
        self.current: int | None = None  # the display row the reader is on (last jumped to)
        self.hide_unchanged = False
        self.hide_minor = False
        self._comparing = ""  # "Comparing … with …", while a comparison loads
        self._expanded: frozenset[int] = frozenset()
        # The comparison on show: its sides and diff (None before the first).
        self.comparison: Comparison | None = None
        # Note numbers and texts by row.
        self._notes: dict[RowKey, list[tuple[int, str]]] = {}
        self._loader = ComparisonLoader(lambda: (self.palette(), self.old_pane.font()), self)
        self._loader.loaded.connect(self._loaded)
        self._loader.failed.connect(self._failed)
        self._loader.progress.connect(self._writing)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = ExtractionNotice(self)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setText(legend_text())
        self.legend.setWordWrap(True)
        self.old_caption = QLabel(self)
        self.new_caption = QLabel(self)
        for label in (self.old_caption, self.new_caption):
            label.setTextFormat(Qt.TextFormat.PlainText)
            font = label.font()
            font.setBold(True)
            label.setFont(font)

        self.old_pane = _Pane("Old version", self)
        self.new_pane = _Pane("New version", self)
        # One scroll bar is enough for two panes that always scroll together.
        self.old_pane.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.old_pane.verticalScrollBar().valueChanged.connect(
            self.new_pane.verticalScrollBar().setValue
        )
        self.new_pane.verticalScrollBar().valueChanged.connect(
            self.old_pane.verticalScrollBar().setValue
        )
        self.row_aligner = RowAligner(self.old_pane, self.new_pane, self)
        self._realign_timer = QTimer(self)
        self._realign_timer.setSingleShot(True)
        self._realign_timer.setInterval(0)
        self._realign_timer.timeout.connect(self._align_rows)
        for pane in (self.old_pane, self.new_pane):
            pane.resized.connect(self._realign_timer.start)
            pane.gutterClicked.connect(self._gutter_clicked)
        self.old_pane.movedMarkClicked.connect(self.go_to_row)
        for pane in (self.old_pane, self.new_pane):
            pane.collapsedClicked.connect(self._expand)
            pane.rowMenuRequested.connect(self._row_menu)
            pane.movedTextClicked.connect(self.go_to_key)

        captions = QHBoxLayout()
        captions.addWidget(self.old_caption, 1)
        captions.addWidget(self.new_caption, 1)
        self.overview = OverviewBar(self.new_pane, self)
        self.row_aligner.chunkAligned.connect(self.overview.update)
        self.overview.rowRequested.connect(self.go_to_row)
        self.find_bar = FindBar(self.old_pane, self.new_pane, self)
        self.find_bar.hide()
        panes = QHBoxLayout()
        panes.setSpacing(2)
        panes.addWidget(self.old_pane, 1)
        panes.addWidget(self.new_pane, 1)
        panes.addWidget(self.overview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.legend)
        layout.addWidget(self.find_bar)
        layout.addLayout(captions)
        layout.addLayout(panes, 1)
        self._style_legend()

    # -- loading -----------------------------------------------------------------

    def compare(self, old: Side, new: Side) -> None:
        """Align the two documents in the background, then show them."""
        self._comparing = f"Comparing {old.caption} with {new.caption}…"
        self.summary.setText(self._comparing)
        self.notice.show_for(None)
        self._loader.load(old, new, (self.hide_unchanged, self.hide_minor))

    def is_busy(self) -> bool:
        """Aligning in the pool, writing the panes' documents or still padding rows
        from the event loop."""
        painting = self.diff is not None and not self.alignment_done()
        return self._loader.busy() or painting

    def shutdown(self) -> None:
        """Wait for a running alignment (they are short; bounded for safety)."""
        self._loader.shutdown()

    def _failed(self, message: str) -> None:
        self.summary.setText(f"These versions could not be compared: {message}")

    def _writing(self, percent: int) -> None:
        self.summary.setText(f"{self._comparing} (writing the panes, {percent} %)")

    def _loaded(self, sides: tuple[Side, Side], written: Written) -> None:
        old, new = sides
        diff = written.prepared.view.diff
        self.show_diff(diff, old.caption, new.caption, sides=sides, written=written)

    def show_diff(
        self,
        diff: Diff,
        old_caption: str,
        new_caption: str,
        keep: bool = False,
        sides: tuple[Side, Side] | None = None,
        written: Written | None = None,
    ) -> None:
        """Paint an already computed diff (cheap: no alignment here) of `sides`.

        `keep` repaints the same diff (folding changed) and keeps unfolded runs and notes;
        `written` brings the documents written from the pool job's scripts (else they
        are written here)."""
        if not keep or self.reader_view is None or self.reader_view.diff is not diff:
            self.reader_view = written.prepared.view if written else build_view(diff)
        if not keep:
            self._expanded = frozenset()
            old_side, new_side = sides or (Side(diff.old, old_caption), Side(diff.new, new_caption))
            self.comparison = Comparison(old_side, new_side, diff)
            self._notes = {}
        view = self.reader_view
        self.diff = diff
        self.current = None
        self.old_caption.setText(old_caption)
        self.new_caption.setText(new_caption)
        self.summary.setText(summary_text(diff))
        self.notice.show_for(self.comparison)
        folding = (self.hide_unchanged, self.hide_minor)
        if written is None or self._expanded or written.prepared.folding != folding:
            self.rows = display_rows(view, self.hide_unchanged, self.hide_minor, self._expanded)
            palette, font = self.palette(), self.old_pane.font()
            old_writer = write_side(view, self.rows, False, palette, font)
            new_writer = write_side(view, self.rows, True, palette, font)
        else:
            self.rows, old_writer, new_writer = written.prepared.rows, written.old, written.new
        # Set whole and not yet laid out: the panes lay out what they show, and the
        # rest follows from the event loop (appending to a shown document would lay
        # out everything above the insertion at once).
        self.old_pane.setDocument(old_writer.document)
        self.new_pane.setDocument(new_writer.document)
        self.old_pane.set_rows(old_writer.blocks, self.rows, moved_marks(self.rows))
        self.new_pane.set_rows(new_writer.blocks, self.rows, [])
        self._show_notes()
        self._align_rows()
        self.new_pane.verticalScrollBar().setValue(0)
        self.overview.update()
        if self.find_bar.isVisible() and self.find_bar.edit.text():
            self.find_bar.search()
        if not keep:
            self.comparisonShown.emit(self.comparison)
        self.diffShown.emit(sum(1 for row in self.rows if row.is_change))

    def _align_rows(self) -> None:
        self.row_aligner.start(len(self.rows))

    def _next_chunk(self) -> None:
        self.row_aligner.next_chunk()

    def alignment_done(self) -> bool:
        return self.row_aligner.done()

    def finish_alignment(self, upto: int | None = None) -> None:
        """Align every remaining row now, or those down to display row `upto` (before
        jumping to it)."""
        self.row_aligner.finish(upto)

    def open_find(self) -> None:
        self.find_bar.open_bar()

    # -- notes -------------------------------------------------------------------------

    def set_notes(self, notes: dict[RowKey, list[tuple[int, str]]]) -> None:
        """Numbered markers by row, each with its text."""
        self._notes = notes
        self._show_notes()

    def _show_notes(self) -> None:
        marks: dict[int, list[tuple[int, str]]] = {}
        for number, shown in enumerate(self.rows):
            on_show = [note for key in shown.keys for note in self._notes.get(key, [])]
            if on_show:
                marks[number] = on_show
        for pane in (self.old_pane, self.new_pane):
            pane.set_note_marks(marks)

    def key_at(self, display_row: int) -> RowKey | None:
        """The row shown at a display row (None for a fold, or outside the rows)."""
        if not 0 <= display_row < len(self.rows):
            return None
        shown = self.rows[display_row]
        return None if shown.row is None else shown.row.key

    def display_row_of(self, key: RowKey) -> int | None:
        """Where a row is on show (its fold, if folded); None if nowhere."""
        for number, shown in enumerate(self.rows):
            if key in shown.keys:
                return number
        return None

    def current_change(self) -> int | None:
        """The display row the reader is on (last jumped to), else the first change."""
        if self.current is not None:
            return self.current
        changes = self.change_rows()
        return changes[0] if changes else None

    def current_key(self) -> RowKey | None:
        """The row the reader is on (last jumped to), else the first change."""
        row = self.current_change()
        return None if row is None else self.key_at(row)

    def current_change_band(self, old_side: bool = False) -> QRect | None:
        """The band of `current_change` in one pane, in this view's coordinates, cut
        to the pane's visible part; None when it is not on screen."""
        pane = self.old_pane if old_side else self.new_pane
        row = self.current_change()
        if row is None or not pane.isVisible() or not 0 <= row < len(pane.blocks):
            return None
        viewport = pane.viewport()
        band = pane.row_band(row).translated(0, -pane.verticalScrollBar().value()).toAlignedRect()
        shown = band.intersected(viewport.rect())
        if shown.isEmpty():
            return None
        return shown.translated(viewport.mapTo(self, QPoint(0, 0)))

    def _row_menu(self, display_row: int, menu: QMenu) -> None:
        key = self.key_at(display_row)
        if key is not None:
            self.current = display_row
            for pane in (self.old_pane, self.new_pane):
                pane.current_row = display_row
                pane.viewport().update()
            self.rowMenuRequested.emit(key, menu)

    # -- folding ----------------------------------------------------------------------

    def set_hide_unchanged(self, hide: bool) -> None:
        self.hide_unchanged = hide
        self._expanded = frozenset()
        self._repaint_same_diff()

    def set_hide_minor(self, hide: bool) -> None:
        self.hide_minor = hide
        self._repaint_same_diff()

    def _expand(self, row: int) -> None:
        fold = self.rows[row].fold
        if fold is not None:
            self._expanded = self._expanded | {fold.first.number}
            scroll = self.new_pane.verticalScrollBar().value()
            self._repaint_same_diff()
            self.new_pane.verticalScrollBar().setValue(scroll)

    def _repaint_same_diff(self) -> None:
        if self.comparison is not None:
            old, new = self.comparison.old.caption, self.comparison.new.caption
            self.show_diff(self.comparison.diff, old, new, keep=True)

    # -- navigation --------------------------------------------------------------

    def change_rows(self) -> list[int]:
        return [number for number, row in enumerate(self.rows) if row.is_change]

    def next_change(self) -> bool:
        """To the change below the reader's row (the first, when on none)."""
        current = self.current
        later = [row for row in self.change_rows() if current is None or row > current]
        return self.go_to_row(later[0]) if later else False

    def previous_change(self) -> bool:
        """To the change above the reader's row (none, when on none)."""
        current = self.current
        earlier = [] if current is None else [r for r in self.change_rows() if r < current]
        return self.go_to_row(earlier[-1]) if earlier else False

    def go_to_row(self, row: int) -> bool:
        if not 0 <= row < len(self.rows):
            return False
        self.finish_alignment(row)
        self.current = row
        for pane in (self.old_pane, self.new_pane):
            pane.current_row = row
            pane.flash_row(row)
            pane.catch_up_scroll_range(row)
        self.new_pane.scroll_to_row(row)
        return True

    def go_to_key(self, key: RowKey) -> bool:
        """Go to where a row is on show (the arrows beside moved text lead here)."""
        display_row = self.display_row_of(key)
        return display_row is not None and self.go_to_row(display_row)

    def _gutter_clicked(self, row: int) -> None:
        """A moved row's marker jumps to where the paragraph used to stand."""
        for mark in self.old_pane.moved_marks:
            if mark.moved_row == row:
                self.go_to_row(mark.after)
                return
        self.go_to_row(row)

    # -- looks -------------------------------------------------------------------

    def _style_legend(self) -> None:
        palette = self.legend.palette()
        text = palette.color(palette.ColorRole.WindowText)
        palette.setColor(
            palette.ColorRole.WindowText,
            theme.blend(text, palette.color(palette.ColorRole.Window), 0.3),
        )
        self.legend.setPalette(palette)

    def changeEvent(self, event: object) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        super().changeEvent(event)  # type: ignore[arg-type]
        if getattr(event, "type", lambda: None)() == QEvent.Type.PaletteChange and self.diff:
            # Colours are baked into the documents: repaint them for the new palette.
            self._repaint_same_diff()
            self._style_legend()
