"""File → Export evidence package (WACZ)…: the selected article's versions as a signed WACZ.

The job runs in a `QThreadPool` thread with its own store connection (connections never
cross threads); the window hands over only the store's address, the article id and the target.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSettings, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from newsdiff_gui.core.evidence.contents import audit_part
from newsdiff_gui.core.evidence.keys import SigningKeyError, installation_key
from newsdiff_gui.core.evidence.package import export_wacz
from newsdiff_gui.core.evidence.timestamp import TimestampProblem
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.pdf.signed import pdf_bytes
from newsdiff_gui.ui.app.folders import remember_folder
from newsdiff_gui.ui.review.export import DIRECTORY_KEY, start_folder

log = logging.getLogger(__name__)

# Trusted time is off unless a timestamp authority is named, here or in NEWSDIFF_TSA_URL
# (the variable `newsdiff export --wacz` reads too).
TSA_KEY = "evidence/tsa_url"


def tsa_url(settings: QSettings | None) -> str | None:
    value = settings.value(TSA_KEY, "") if settings is not None else ""
    return str(value) if value else os.environ.get("NEWSDIFF_TSA_URL") or None


@dataclass(frozen=True, slots=True)
class WaczRequest:
    store: StoreAddress  # a file or a database server: the job opens its own connection
    article_id: int
    path: Path
    tsa_url: str | None = None


def ask_path(parent: QWidget, suggested_name: str, settings: QSettings | None) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Export evidence package to",
        str(start_folder(settings) / f"{suggested_name}.wacz"),
        "Web archive package (*.wacz)",
    )
    if not name:
        return None
    path = Path(name)
    path = path if path.suffix else path.with_suffix(".wacz")
    if settings is not None:
        remember_folder(settings, DIRECTORY_KEY, path)
    return path


class _Signals(QObject):
    finished = Signal(str, str)  # path, one line: digest and key fingerprint
    failed = Signal(str)


class _WaczJob(QRunnable):
    def __init__(self, request: WaczRequest, signals: _Signals) -> None:
        super().__init__()
        self.request, self.signals = request, signals

    def run(self) -> None:
        request = self.request
        try:
            key = installation_key()
            with VersionStore.open(request.store, read_only=True) as store:
                package = export_wacz(
                    store,
                    request.article_id,
                    None,
                    None,
                    request.path,
                    key,
                    now=utc_now(),
                    render_pdf=pdf_bytes,
                    audit=audit_part(store, request.article_id),
                    tsa_url=request.tsa_url,
                )
        except (StoreError, SigningKeyError, TimestampProblem) as exc:
            self.signals.failed.emit(f"The evidence package was not written: {exc}")
            return
        except OSError as exc:
            self.signals.failed.emit(f"The evidence package could not be written: {exc}")
            return
        except Exception as exc:  # a bug must not kill the pool thread silently
            log.exception("WACZ export failed")
            self.signals.failed.emit(f"The evidence package failed: {exc}")
            return
        summary = f"{package.digest}, signed by key {package.fingerprint[:16]}…"
        self.signals.finished.emit(str(request.path), summary)


class WaczRunner(QObject):
    """One package export at a time in the background.

    Signals: finished(str path, str summary), failed(str message).
    """

    finished = Signal(str, str)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        self._busy = False

    def busy(self) -> bool:
        return self._busy

    def start(self, request: WaczRequest) -> None:
        self._busy = True
        self._pool.start(_WaczJob(request, self._signals))

    def _finished(self, path: str, summary: str) -> None:
        self._busy = False
        self.finished.emit(path, summary)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.failed.emit(message)

    def shutdown(self) -> None:
        self._pool.waitForDone(10000)
