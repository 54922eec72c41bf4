"""Garbage collection on the UI thread only (the approach qutebrowser takes).

Python's cycle collector runs in whichever thread happens to allocate when a
threshold is crossed: the checker thread or a pool job. If the garbage holds a
Qt object of the UI thread (a widget in a reference cycle), it would be
destroyed from that other thread, which crashes Qt. So automatic collection is
switched off while the window lives and a timer on the UI thread collects
instead, with the generation thresholds Python would have used.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class UiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        if counts[0] <= thresholds[0]:
            return
        if counts[2] > thresholds[2]:
            gc.collect(2)
        elif counts[1] > thresholds[1]:
            gc.collect(1)
        else:
            gc.collect(0)

    def stop(self) -> None:
        """Back to automatic collection (after the other threads have ended)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
