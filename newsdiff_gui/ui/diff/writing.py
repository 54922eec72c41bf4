"""Writing both panes' documents from their scripts on the UI thread, a step at a time.

The documents belong to the UI thread from birth (see `prepare` for why they are
never made in the pool). A long comparison is written in steps from the event
loop, so the window keeps answering while 100,000 paragraphs go in; the panes
get the documents whole, when both are written.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QFont, QPalette

from newsdiff_gui.ui.diff.document import SideWriter
from newsdiff_gui.ui.diff.prepare import Prepared

# Blocks written per turn of the event loop (a few tens of milliseconds).
WRITE_STEP = 3_000


@dataclass(frozen=True, slots=True)
class Written:
    """A prepared comparison and its two written documents."""

    prepared: Prepared
    old: SideWriter
    new: SideWriter


class PanesWriter(QObject):
    """Signals: written(Written) when both documents of the last `start` are whole;
    progress(int percent) between steps of a long one."""

    written = Signal(object)
    progress = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._job: tuple[Prepared, SideWriter, SideWriter] | None = None

    def start(self, prepared: Prepared, palette: QPalette, font: QFont) -> None:
        """Write `prepared`'s documents: a first step now (a short comparison whole),
        the rest from the event loop; a comparison still being written is dropped."""
        self.cancel()
        old = SideWriter(prepared.old, palette, font)
        new = SideWriter(prepared.new, palette, font)
        self._job = (prepared, old, new)
        self._step()

    def cancel(self) -> None:
        self._timer.stop()
        self._job = None

    def busy(self) -> bool:
        return self._job is not None

    def _step(self) -> None:
        if self._job is None:
            return
        prepared, old, new = self._job
        budget = WRITE_STEP
        for writer in (old, new):
            if budget > 0 and not writer.done:
                before = writer.played
                writer.write_more(budget)
                budget -= writer.played - before
        if not new.done:
            if not self._timer.isActive():
                self._timer.start()
            total = len(prepared.old.blocks) + len(prepared.new.blocks)
            self.progress.emit((old.played + new.played) * 100 // max(1, total))
            return
        self.cancel()
        self.written.emit(Written(prepared, old, new))
