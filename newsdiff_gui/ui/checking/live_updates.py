"""Coalesces the worker's per-article reports into small, time-boxed sidebar updates.

A batch of 200 checks posts 200 "started" and later 200 "finished" events at
once; Qt delivers queued events back to back, so handling each on arrival
(a store read, a re-sort, a repaint) would hold the event loop for the whole
burst. Here arrival only records the id; a timer applies the records a few
milliseconds' worth at a time, and the loop breathes in between.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

# Work per slice: well under the 50 ms stall budget, leaving room for painting.
SLICE_SECONDS = 0.010
# Gather reports for this long before the first slice (one repaint for many).
GATHER_MS = 20


class LiveUpdates(QObject):
    def __init__(
        self,
        set_checking: Callable[[dict[int, bool]], None],
        refresh: Callable[[int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._set_checking = set_checking
        self._refresh = refresh
        self._checking: dict[int, bool] = {}
        self._stale: dict[int, None] = {}  # insertion-ordered set
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush_slice)
        self._stopped = False

    def checking(self, article_id: int, running: bool) -> None:
        self._checking[article_id] = running
        self._arm()

    def stale(self, article_id: int) -> None:
        """The article's row must be read from the store again."""
        self._stale[article_id] = None
        self._arm()

    def pending(self) -> int:
        return len(self._checking) + len(self._stale)

    def stop(self) -> None:
        """The window is closing: drop what is pending and ignore late reports."""
        self._stopped = True
        self._timer.stop()
        self._checking.clear()
        self._stale.clear()

    def _arm(self) -> None:
        if self._stopped:
            self._checking.clear()
            self._stale.clear()
        elif not self._timer.isActive():
            self._timer.start(GATHER_MS)

    def flush_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        if self._checking:  # cheap in one go: flags only, one change report
            checking, self._checking = self._checking, {}
            self._set_checking(checking)
        while self._stale and time.perf_counter() < deadline:
            article_id = next(iter(self._stale))
            del self._stale[article_id]
            self._refresh(article_id)
        if self.pending():
            # Not at once: let painting and input run, and gather more reports.
            self._timer.start(GATHER_MS)

    def flush_all(self) -> None:
        """Apply everything now (before reading the sidebar's state synchronously)."""
        self._timer.stop()
        if self._checking:
            checking, self._checking = self._checking, {}
            self._set_checking(checking)
        while self._stale:
            article_id = next(iter(self._stale))
            del self._stale[article_id]
            self._refresh(article_id)
