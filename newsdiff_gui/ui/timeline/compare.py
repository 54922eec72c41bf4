"""Aligns each version with the one before it, in the background, for the timeline.

The timeline says what every version changed in the words of the aligned
comparison (`core/view/summary.py`); aligning a long history can take a while, so
it runs in a pool job, newest version first (the one the user looks at first),
and each result comes back as a compared `VersionEntry`. A job belongs to one
generation of the timeline: showing another article cancels it, and a late result
of an earlier generation is dropped.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from newsdiff_gui.core.align import align
from newsdiff_gui.core.background import lower_this_thread_priority
from newsdiff_gui.core.document import Document
from newsdiff_gui.ui.timeline.entry import VersionEntry

log = logging.getLogger(__name__)


class EntryRelay(QObject):
    """compared(int generation, VersionEntry entry): one version has been compared."""

    compared = Signal(int, object)


class _CompareJob(QRunnable):
    def __init__(
        self,
        generation: int,
        work: list[tuple[VersionEntry, Document, Document]],
        relay: EntryRelay,
        cancel: threading.Event,
    ) -> None:
        super().__init__()
        self.generation, self.work, self.relay, self.cancel = generation, work, relay, cancel

    def run(self) -> None:
        lower_this_thread_priority()
        for entry, old, new in self.work:
            if self.cancel.is_set():
                return
            try:
                compared = entry.compared(align(old, new))
            except Exception:  # a bug: the entry keeps saying it is being compared
                log.exception("could not compare version %d with the one before", entry.number)
                continue
            self.relay.compared.emit(self.generation, compared)


class EntryComparer:
    """Starts and cancels the timeline's comparisons; results arrive on `relay`."""

    def __init__(self) -> None:
        # Owned by the application, not the timeline: a job still running when the
        # timeline is destroyed emits on a relay that still exists, and Qt drops the
        # queued call to the destroyed receiver. Nor may the job hold its last
        # reference: freed on the pool thread with the GIL held, its destructor would
        # wait for Qt's signal-slot lock, which the UI thread holds while it waits for
        # the GIL (see ui/diff/prepare.py).
        self.relay = EntryRelay(QCoreApplication.instance())
        self.generation = 0
        self._cancel = threading.Event()

    def start(self, work: list[tuple[VersionEntry, Document, Document]]) -> None:
        """Compare these entries' versions (newest first), dropping any earlier job."""
        self.cancel()
        self._cancel = threading.Event()
        if work:
            job = _CompareJob(self.generation, work, self.relay, self._cancel)
            QThreadPool.globalInstance().start(job)

    def cancel(self) -> None:
        self._cancel.set()
        self.generation += 1
