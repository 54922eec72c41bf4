"""Checks an address for the Add dialog, in a pool job, before anything is tracked.

Not on the background checker: that worker may be in the middle of a batch of
hundreds of checks, and the dialog would wait for all of them. The job uses
the same engine pieces as the checker (`core/address_check.py`): the `Fetcher`
and an `IsolatedExtractor`, whose child process is started on the first check
and reused for later ones.

Cancelling sets the job's own event (the fetch stops at its next cancellation
point) and the extractor's (a running extraction is abandoned); a cancelled or
superseded job's answer is dropped by its token.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from newsdiff_gui.core.address_check import AddressCheck, check_address

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)  # token, AddressCheck | Exception


class _CheckJob(QRunnable):
    def __init__(self, checker: AddressChecker, token: int, url: str) -> None:
        super().__init__()
        self.checker, self.token, self.url = checker, token, url
        self.cancel = threading.Event()

    def run(self) -> None:
        # Cleared first: a cancel arriving after this point sets it again.
        self.checker.extract_cancel.clear()
        result: object
        try:
            if self.cancel.is_set():
                raise _Cancelled
            fetcher, extractor = self.checker.engine()
            result = check_address(self.url, fetcher, extractor, self.cancel)
        except _Cancelled as exc:
            result = exc
        except Exception as exc:  # reported in the dialog; never a crash of the window
            log.exception("checking %s failed", self.url)
            result = exc
        self.checker.relay.done.emit(self.token, result)


class _Cancelled(Exception):
    pass


class AddressChecker(QObject):
    """Signals:

    finished(int token, object answer)
        The check started with `token` ended: `answer` is an `AddressCheck`, or an
        Exception when the engine itself failed (its text is shown). Not sent for a
        cancelled check.
    """

    finished = Signal(int, object)

    def __init__(self, parent: QObject | None = None, fetcher_factory: Any = None) -> None:
        super().__init__(parent)
        self._fetcher_factory = fetcher_factory
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one extractor, one caller at a time
        self.relay = _Relay(self)
        self.relay.done.connect(self._done)
        self.extract_cancel = threading.Event()
        self._fetcher: Any = None
        self._extractor: Any = None
        self._engine_lock = threading.Lock()
        self._token = 0
        # The running job's cancel flag (the job itself belongs to the pool).
        self._running: threading.Event | None = None

    def engine(self) -> tuple[Any, Any]:
        """The fetcher and extractor, made on first use (on the pool's thread)."""
        with self._engine_lock:
            if self._fetcher is None:
                from newsdiff_gui.core.extract.isolated import IsolatedExtractor
                from newsdiff_gui.core.fetch import Fetcher

                self._fetcher = (self._fetcher_factory or Fetcher)()
                self._extractor = IsolatedExtractor(self.extract_cancel)
            return self._fetcher, self._extractor

    def start(self, url: str) -> int:
        """Check `url`; the answer comes with `finished` and the returned token."""
        self.cancel()
        self._token += 1
        job = _CheckJob(self, self._token, url)
        self._running = job.cancel
        self._pool.start(job)
        return self._token

    def cancel(self) -> None:
        """Stop the running check; its answer is never delivered."""
        if self._running is not None:
            self._running.set()
            self.extract_cancel.set()
            self._running = None
        self._token += 1

    def busy(self) -> bool:
        return self._running is not None

    def wait(self, timeout_ms: int) -> bool:
        """Block until no job runs (a cancelled one included); True if none is left."""
        return bool(self._pool.waitForDone(timeout_ms))

    def _done(self, token: int, answer: object) -> None:
        if token != self._token or self._running is None:
            return  # cancelled or superseded
        self._running = None
        if isinstance(answer, _Cancelled):
            return
        self.finished.emit(token, answer)

    def shutdown(self) -> None:
        self.cancel()
        self.wait(3000)
        with self._engine_lock:
            if self._fetcher is not None:
                try:
                    self._fetcher.close()
                except Exception:  # closing must never block quitting
                    log.exception("closing the fetcher failed")
            if self._extractor is not None:
                self._extractor.close()
            self._fetcher = self._extractor = None


__all__ = ["AddressCheck", "AddressChecker"]
