"""`CheckThread`: the window's handle on the background checker (ui/checking/worker.py).

It owns the worker's `QThread`, forwards the window's requests to the worker as queued
signals, and shuts it down: the cancel flag is set directly, so a running check stops at
its next cancellation point rather than after the queue.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.ui.checking.worker import DUE_INTERVAL_MS, CheckWorker
from newsdiff_gui.ui.checking.worker_gil import preload_capture_engine, shorten_gil_switch_interval

if TYPE_CHECKING:
    from newsdiff_gui.core.address_check import AddressCheck

log = logging.getLogger(__name__)


class CheckThread(QObject):
    """Owns the worker's thread and forwards the UI's requests to it (queued)."""

    _start = Signal()
    _stop = Signal()
    _checkArticles = Signal(list)  # noqa: N815
    _checkAll = Signal()  # noqa: N815
    _track = Signal(str)
    _trackChecked = Signal(object)  # noqa: N815
    _removeNeverWorked = Signal(list)  # noqa: N815
    _import = Signal(str, str, str, bool)
    _startChecking = Signal(int)  # noqa: N815
    _remove = Signal(int, bool)

    def __init__(
        self,
        database: Path | StoreAddress,
        parent: QObject | None = None,
        due_interval_ms: int = DUE_INTERVAL_MS,
        fetcher_factory: Any = None,
    ) -> None:
        super().__init__(parent)
        preload_capture_engine()
        self.cancel = threading.Event()
        self.worker_thread = QThread()  # not `thread`: QObject.thread() exists
        self.worker_thread.setObjectName("newsdiff-checker")
        self.worker = CheckWorker(database, self.cancel, due_interval_ms, fetcher_factory)
        self.worker.moveToThread(self.worker_thread)
        self._start.connect(self.worker.start)
        self._stop.connect(self.worker.stop)
        self._checkArticles.connect(self.worker.check_articles)
        self._checkAll.connect(self.worker.check_all)
        self._track.connect(self.worker.track)
        self._trackChecked.connect(self.worker.track_checked)
        self._removeNeverWorked.connect(self.worker.remove_never_worked)
        self._import.connect(self.worker.import_page)
        self._startChecking.connect(self.worker.start_checking)
        self._remove.connect(self.worker.remove)
        self.worker_thread.finished.connect(self.worker.deleteLater)

    def set_author(self, name: str) -> None:
        """Who the audit log names for the captures and imports this thread stores."""
        self.worker.author = name

    def start(self) -> None:
        # Before the thread runs: the window's share of the interpreter lock (see worker_gil).
        shorten_gil_switch_interval()
        self.worker_thread.start()
        self._start.emit()

    def check(self, article_ids: list[int]) -> None:
        self._checkArticles.emit(list(article_ids))

    def check_all(self) -> None:
        self._checkAll.emit()

    def track(self, url: str) -> None:
        self._track.emit(url)

    def track_checked(self, check: AddressCheck) -> None:
        self._trackChecked.emit(check)

    def remove_never_worked(self, article_ids: list[int]) -> None:
        self._removeNeverWorked.emit(list(article_ids))

    def import_page(
        self, path: str, url: str, captured_at_iso: str, check_live: bool = False
    ) -> None:
        """`check_live`: the user chose to have the live page checked (never by default)."""
        self._import.emit(path, url, captured_at_iso, check_live)

    def start_checking(self, article_id: int) -> None:
        self._startChecking.emit(article_id)

    def remove(self, article_id: int, purge: bool) -> None:
        self._remove.emit(article_id, purge)

    def shutdown(self, timeout_ms: int = 1800) -> bool:
        """Cancel what runs, close the worker's resources, end the thread.

        True when the thread ended within `timeout_ms`. Queued requests are dropped:
        the cancel flag makes every later check return at once.
        """
        if not self.worker_thread.isRunning():
            return True
        self.cancel.set()
        self._stop.emit()
        ended = self.worker_thread.wait(timeout_ms)
        if not ended:
            log.error("background checker did not stop within %d ms", timeout_ms)
        return bool(ended)
