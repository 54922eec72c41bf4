"""The digest's work off the UI thread: reading items (each change is aligned for its
summary) and writing the digest page with its diffs. Each job opens its own store
connection, as every thread does, and reports back by signal."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from newsdiff_gui.core.digest import digest_items
from newsdiff_gui.core.digest_export import DigestPeriod, write_digest_html
from newsdiff_gui.core.store import StoreError, VersionStore

log = logging.getLogger(__name__)


class _Signals(QObject):
    loaded = Signal(object)  # list[DigestItem]
    written = Signal(str, int)  # path, diffs written
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(
        self, database: Path, period: DigestPeriod, out: Path | None, signals: _Signals
    ) -> None:
        super().__init__()
        self.database, self.period, self.out, self.signals = database, period, out, signals

    def run(self) -> None:
        try:
            with VersionStore.open(self.database, read_only=True) as store:
                items = digest_items(store, self.period.since)
                if self.out is None:
                    self.signals.loaded.emit(items)
                    return
                diffs = write_digest_html(store, items, self.period, self.out)
            self.signals.written.emit(str(self.out), diffs)
        except (StoreError, OSError) as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must not take the window down with the job
            log.exception("digest job failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")


class DigestJobs(QObject):
    """Signals: loaded(list[DigestItem]), written(str path, int diffs), failed(str)."""

    loaded = Signal(object)
    written = Signal(str, int)
    failed = Signal(str)

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.loaded.connect(self.loaded)
        self._signals.written.connect(self.written)
        self._signals.failed.connect(self.failed)

    def load(self, since: datetime, until: datetime) -> None:
        self._pool.start(_Job(self.database, DigestPeriod(since, until), None, self._signals))

    def write(self, since: datetime, until: datetime, out: Path) -> None:
        self._pool.start(_Job(self.database, DigestPeriod(since, until), out, self._signals))

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self._pool.waitForDone(timeout_ms)
