"""Source work off the UI thread: previews, follows and removals, one pool job each.

Not on the background checker: it may be in the middle of hundreds of checks, and
a preview the user is waiting for must not queue behind them. Each job opens its
own store connection (connections stay on their thread) and shares one `Fetcher`
(its per-host slots keep the outlet's politeness budget). A cancelled or superseded
job's answer is dropped by its token, as in the Add dialog's address check.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from newsdiff_gui.core.discovery.poll import Preview, SourcePoller, preview_source
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.address import StoreAddress

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)  # token, result | Exception


class _Job(QRunnable):
    def __init__(self, jobs: SourceJobs, token: int, work: Callable[[threading.Event], Any]):
        super().__init__()
        self.jobs, self.token, self.work = jobs, token, work
        self.cancel = threading.Event()

    def run(self) -> None:
        result: object
        try:
            result = self.work(self.cancel)
        except Exception as exc:  # shown in words by the caller; never a crash of the window
            if not isinstance(exc, StoreError):  # SourceError included: told, not a bug
                log.exception("source job failed")
            result = exc
        self.jobs.relay.done.emit(self.token, result)


class SourceJobs(QObject):
    """Signals:

    finished(int token, object answer)
        The job started with `token` ended: `answer` is its result, or the Exception
        it raised (a `SourceError`/`StoreError` says in words what was wrong). Not
        sent for a cancelled or superseded job.
    """

    finished = Signal(int, object)

    def __init__(
        self, database: StoreAddress, parent: QObject | None = None, fetcher_factory: Any = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._fetcher_factory = fetcher_factory
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.relay = _Relay(self)
        self.relay.done.connect(self._done)
        self._fetcher: Any = None
        self._lock = threading.Lock()
        self._token = 0
        self._running: dict[int, threading.Event] = {}

    def fetcher(self) -> Any:
        with self._lock:
            if self._fetcher is None:
                from newsdiff_gui.core.fetch import Fetcher

                self._fetcher = (self._fetcher_factory or Fetcher)()
            return self._fetcher

    # -- requests ----------------------------------------------------------------

    def preview(self, url: str) -> int:
        """What the source lists (a `Preview`); nothing stored."""
        return self._start(lambda cancel: preview_source(url, self.fetcher(), cancel))

    def follow(self, url: str, url_filter: str | None, preview: Preview | None) -> int:
        """Follow the source (from `preview` when given: no second fetch); answers
        `(source_id, found, added_article_ids)`."""

        def work(_cancel: threading.Event) -> tuple[int, int, tuple[int, ...]]:
            with VersionStore.open(self._database) as store:
                source, report = SourcePoller(store, self.fetcher()).follow(
                    url, url_filter, preview
                )
            return source.id, report.found, report.added

        return self._start(work)

    def remove(self, source_id: int, purge: bool) -> int:
        """Unfollow; answers how many articles were deleted."""

        def work(_cancel: threading.Event) -> int:
            with VersionStore.open(self._database) as store:
                return store.sources.remove(source_id, purge=purge)

        return self._start(work)

    def _start(self, work: Callable[[threading.Event], Any]) -> int:
        self._token += 1
        job = _Job(self, self._token, work)
        self._running[self._token] = job.cancel
        self._pool.start(job)
        return self._token

    def cancel(self, token: int) -> None:
        event = self._running.pop(token, None)
        if event is not None:
            event.set()

    def _done(self, token: int, answer: object) -> None:
        if self._running.pop(token, None) is None:
            return  # cancelled
        self.finished.emit(token, answer)

    def wait(self, timeout_ms: int) -> bool:
        return bool(self._pool.waitForDone(timeout_ms))

    def shutdown(self) -> None:
        for token in list(self._running):
            self.cancel(token)
        self.wait(3000)
        with self._lock:
            if self._fetcher is not None:
                try:
                    self._fetcher.close()
                except Exception:  # closing must never block quitting
                    log.exception("closing the fetcher failed")
            self._fetcher = None
