"""The digest's and the feed's work off the UI thread: reading items (each change is
aligned for its summary), writing the digest page with its diffs, writing the feed.
Each job opens its own store connection, as every thread does, and reports back
by signal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from newsdiff_gui.core.atom_feed import enable_feed
from newsdiff_gui.core.digest import digest_items
from newsdiff_gui.core.digest_export import DigestPeriod, write_digest_html
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.address import StoreAddress

log = logging.getLogger(__name__)


class _Signals(QObject):
    loaded = Signal(object)  # list[DigestItem]
    written = Signal(str, int)  # path, diffs written
    feedWritten = Signal(str)  # noqa: N815
    failed = Signal(str)


class _Job(QRunnable):
    """Runs `work` on a store connection of its own; a failure becomes `failed`."""

    def __init__(
        self,
        database: StoreAddress,
        read_only: bool,
        work: Callable[[VersionStore], None],
        signals: _Signals,
    ) -> None:
        super().__init__()
        self.database, self.read_only, self.work, self.signals = (
            database,
            read_only,
            work,
            signals,
        )

    def run(self) -> None:
        try:
            with VersionStore.open(self.database, read_only=self.read_only) as store:
                self.work(store)
        except (StoreError, OSError) as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must not take the window down with the job
            log.exception("digest job failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")


class DigestJobs(QObject):
    """Signals: loaded(list[DigestItem]), written(str path, int diffs),
    feedWritten(str path), failed(str). One job at a time, in order."""

    loaded = Signal(object)
    written = Signal(str, int)
    feedWritten = Signal(str)  # noqa: N815
    failed = Signal(str)

    def __init__(self, database: StoreAddress, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.loaded.connect(self.loaded)
        self._signals.written.connect(self.written)
        self._signals.feedWritten.connect(self.feedWritten)
        self._signals.failed.connect(self.failed)

    def load(self, since: datetime) -> None:
        """Emit `loaded` with every change and event since `since`."""
        signals = self._signals

        def work(store: VersionStore) -> None:
            signals.loaded.emit(digest_items(store, since))

        self._pool.start(_Job(self.database, True, work, signals))

    def write(self, since: datetime, until: datetime, out: Path) -> None:
        """Write the digest page of the period (and its diffs) to `out`."""
        signals, period = self._signals, DigestPeriod(since, until)

        def work(store: VersionStore) -> None:
            items = digest_items(store, period.since)
            signals.written.emit(str(out), write_digest_html(store, items, period, out))

        self._pool.start(_Job(self.database, True, work, signals))

    def write_feed(self, path: Path) -> None:
        """Keep the Atom feed at `path` from now on, and write it now."""
        signals = self._signals

        def work(store: VersionStore) -> None:
            signals.feedWritten.emit(str(enable_feed(store, path)))

        self._pool.start(_Job(self.database, False, work, signals))

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self._pool.waitForDone(timeout_ms)
