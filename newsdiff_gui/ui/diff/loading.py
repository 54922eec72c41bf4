"""Loading a comparison for the panes: aligned in a pool job, written on the UI thread.

Every request carries a generation number; a result for an older request (the
user already moved on) is dropped, so the panes never flicker through stale
comparisons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtGui import QFont, QPalette

from newsdiff_gui.ui.diff.comparison import Side
from newsdiff_gui.ui.diff.prepare import AlignJob, AlignSignals, Prepared
from newsdiff_gui.ui.diff.writing import PanesWriter, Written


class ComparisonLoader(QObject):
    """Signals:

    loaded(tuple[Side, Side] sides, Written written)
        The newest comparison asked for is aligned and its documents written.
    failed(str message)
        It could not be aligned (a bug in the aligner: the message says what).
    progress(int percent)
        Part of a long comparison's documents is written.
    """

    loaded = Signal(object, object)
    failed = Signal(str)
    progress = Signal(int)

    def __init__(self, looks: Callable[[], tuple[QPalette, QFont]], parent: QObject) -> None:
        """`looks`: the palette and font the documents are written with, asked for
        when they are written (the user may change them while aligning)."""
        super().__init__(parent)
        self._looks = looks
        self._generation = 0
        self._pending: tuple[Side, Side] | None = None
        self._aligning = False  # a job's result is on its way (queued) or being made
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = AlignSignals(self)
        self._signals.finished.connect(self._aligned)
        self._writer = PanesWriter(self)
        self._writer.written.connect(self._written)
        self._writer.progress.connect(self.progress)

    def load(self, old: Side, new: Side, folding: tuple[bool, bool]) -> None:
        """Align and write `old` against `new`, dropping whatever was being loaded."""
        self._generation += 1
        self._pending = (old, new)
        self._writer.cancel()
        self._aligning = True
        job = AlignJob(
            self._generation,
            (old.document, new.document),
            folding,
            lambda: self._generation,
            self._signals,
        )
        self._pool.start(job)

    def busy(self) -> bool:
        """A comparison is being aligned or written."""
        return self._aligning or self._writer.busy()

    def shutdown(self) -> None:
        """Drop what is being loaded; wait for a running alignment (bounded for safety)."""
        self._generation += 1
        self._aligning = False
        self._writer.cancel()
        self._pool.waitForDone(2000)

    def _aligned(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # the user has moved on; this comparison is stale
        self._aligning = False
        if isinstance(result, Exception):
            self.failed.emit(str(result))
            return
        assert isinstance(result, Prepared)
        self._writer.start(result, *self._looks())

    def _written(self, written: Written) -> None:
        assert self._pending is not None
        self.loaded.emit(self._pending, written)
