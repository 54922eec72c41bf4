"""Aligning two documents and writing the panes' documents, in a `QThreadPool` job.

A 100,000-paragraph comparison takes seconds to align and as long again to
write into two `QTextDocument`s; both happen here, off the UI thread. The
documents are written whole but not laid out: the panes lay out what they show
and the rest follows from the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThread, Signal
from PySide6.QtGui import QFont, QPalette

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.view import ReaderView, build_view
from newsdiff_gui.ui.diff.document import SideWriter
from newsdiff_gui.ui.diff.rows import DisplayRow, display_rows

log = logging.getLogger(__name__)


class AlignSignals(QObject):
    finished = Signal(int, object)  # generation, Prepared | Exception


@dataclass(frozen=True, slots=True)
class Looks:
    """What writing the panes' documents needs to know of the view (copied for a pool job)."""

    palette: QPalette
    font: QFont
    hide_unchanged: bool
    hide_minor: bool
    thread: QThread  # the UI thread, where the documents go


@dataclass(frozen=True, slots=True)
class Prepared:
    """A diff, its reader's view, its display rows and both sides' documents, written
    off the UI thread."""

    view: ReaderView
    rows: list[DisplayRow]
    old: SideWriter
    new: SideWriter
    folding: tuple[bool, bool]  # (hide unchanged, hide minor) the rows were made with


# Rows written between two checks that the job is still wanted.
_WRITE_STEP = 2_000


class AlignJob(QRunnable):
    """Aligns, then writes both panes' documents (100,000 paragraphs take seconds
    to write: not on the UI thread). Stops early once `current()` says the user
    has moved on."""

    def __init__(
        self,
        generation: int,
        sides: tuple[Document, Document],
        looks: Looks,
        current: Callable[[], int],
        signals: AlignSignals,
    ):
        super().__init__()
        self.generation, self.sides, self.looks = generation, sides, looks
        self.current, self.signals = current, signals

    def run(self) -> None:
        result: Prepared | Exception | None
        try:
            result = self._prepare()
        except Exception as exc:  # a bug in the aligner must not kill the pool thread
            log.exception("alignment failed")
            result = exc
        if result is not None:
            self.signals.finished.emit(self.generation, result)

    def _prepare(self) -> Prepared | None:
        view = build_view(align(*self.sides))
        looks = self.looks
        rows = display_rows(view, looks.hide_unchanged, looks.hide_minor)
        writers = [SideWriter(view, rows, new, looks.palette, looks.font) for new in (False, True)]
        for writer in writers:
            while writer.written < len(rows):
                if self.current() != self.generation:
                    return None  # stale: the documents die with this thread's objects
                writer.write_more(_WRITE_STEP)
            # Written here, shown (and laid out) by the panes on the UI thread.
            writer.document.moveToThread(self.looks.thread)
        folding = (looks.hide_unchanged, looks.hide_minor)
        return Prepared(view, rows, writers[0], writers[1], folding)
