"""Aligning two documents and scripting the panes' documents, in a `QThreadPool` job.

A 100,000-paragraph comparison takes seconds to align and as long again to
decide what goes in the panes; both happen here, off the UI thread, as plain
data (`side_script`). The job touches no Qt object but its signal: a pool
thread that creates, moves or deletes a `QObject` while it holds the GIL can
deadlock with the UI thread, whose `QObject` destructors hold Qt's signal-slot
lock while they wait for the GIL. The documents are written from the scripts
on the UI thread (`writing.PanesWriter`), a few thousand blocks per turn of the
event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.view import ReaderView, build_view
from newsdiff_gui.ui.diff.rows import DisplayRow, display_rows
from newsdiff_gui.ui.diff.side_script import SideScript, SideScripter


class AlignSignals(QObject):
    finished = Signal(int, object)  # generation, Prepared | Exception


@dataclass(frozen=True, slots=True)
class Prepared:
    """A diff, its reader's view, its display rows and both sides' scripts, made off
    the UI thread."""

    view: ReaderView
    rows: list[DisplayRow]
    old: SideScript
    new: SideScript
    folding: tuple[bool, bool]  # (hide unchanged, hide minor) the rows were made with


# Rows scripted between two checks that the job is still wanted.
_SCRIPT_STEP = 2_000

log = logging.getLogger(__name__)


class AlignJob(QRunnable):
    """Aligns, then scripts both panes. Stops early once `current()` says the user
    has moved on."""

    def __init__(
        self,
        generation: int,
        sides: tuple[Document, Document],
        folding: tuple[bool, bool],
        current: Callable[[], int],
        signals: AlignSignals,
    ):
        super().__init__()
        self.generation, self.sides, self.folding = generation, sides, folding
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
        rows = display_rows(view, *self.folding)
        scripts = []
        for new_side in (False, True):
            scripter = SideScripter(view, rows, new_side)
            while scripter.more(_SCRIPT_STEP) < len(rows):
                if self.current() != self.generation:
                    return None  # stale: the user has moved on
            scripts.append(scripter.script())
        return Prepared(view, rows, scripts[0], scripts[1], self.folding)
