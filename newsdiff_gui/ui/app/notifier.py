"""Desktop notifications when a tracked article changes or its checks start failing
(where a system tray exists; without one, the window shows failures itself).

The message names the article and the kinds of change, so it needs an
alignment of the new version against the one before; that runs in a pool job
like every alignment, and the message appears when it is done.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon, QWidget

from newsdiff_gui.core.align import Diff, align
from newsdiff_gui.core.digest import EVENT_LABELS
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.lifecycle import ALERT_KINDS, LifeEvent
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.view.summary import notification_text
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.ui import theme

log = logging.getLogger(__name__)


class _Relay(QObject):
    aligned = Signal(str, object)  # article title, Diff | Exception


class _NotifyJob(QRunnable):
    def __init__(self, title: str, old: Document, new: Document, relay: _Relay) -> None:
        super().__init__()
        self.title, self.old, self.new, self.relay = title, old, new, relay

    def run(self) -> None:
        try:
            result: object = align(self.old, self.new)
        except Exception as exc:  # a notification is not worth a crash
            log.exception("alignment for a notification failed")
            result = exc
        self.relay.aligned.emit(self.title, result)


class ChangeNotifier(QObject):
    alerted = Signal(int, str)  # article id, the EventKind announced (tests listen)

    def __init__(self, store: VersionStore, window: QWidget) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(theme.icon("app"), self)
            self.tray.setToolTip("newsdiff")
            self.tray.activated.connect(self._raise_window)
            self.tray.show()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.aligned.connect(self._show)

    @property
    def available(self) -> bool:
        return self.tray is not None

    def version_added(self, article_id: int, number: int) -> None:
        """A check stored version `number`: say what changed, once it is aligned."""
        if self.tray is None or number < 2:
            return
        try:
            new = self.store.get_version(article_id, number)
            old = self.store.get_version(article_id, number - 1)
            title = self.store.get_article(article_id).title
        except StoreError as exc:
            log.warning("no notification for article %d: %s", article_id, exc)
            return
        if new.returns_to is not None:
            return  # a revert: announced as such by life_events
        shown = visible_text(title) or new.final_url or ""
        job = _NotifyJob(shown, old.document, new.document, self._relay)
        self._pool.start(job)

    def check_failed(self, heading: str, body: str) -> bool:
        """Announce failed checks in the tray; False when there is none (the caller
        shows them in the window instead)."""
        if self.tray is None:
            return False
        self.tray.showMessage(heading, body, QSystemTrayIcon.MessageIcon.Warning)
        return True

    def life_events(self, article_id: int, events: tuple[LifeEvent, ...]) -> None:
        """Announce that a story is gone or was reverted: the events fact-checkers
        must not miss. Without a tray, the status bar says it."""
        alerts = [event for event in events if event.kind in ALERT_KINDS]
        if not alerts:
            return
        try:
            article = self.store.get_article(article_id)
        except StoreError:
            return
        title = visible_text(article.title) or article.url
        for event in alerts:
            heading = f"{EVENT_LABELS[event.kind]}: {title}"
            if self.tray is not None:
                self.tray.showMessage(heading, event.detail, QSystemTrayIcon.MessageIcon.Warning)
            elif isinstance(self.window, QMainWindow):
                self.window.statusBar().showMessage(f"{heading} ({event.detail})", 30_000)
            self.alerted.emit(article_id, event.kind.value)

    def _show(self, title: str, result: object) -> None:
        if self.tray is None or not isinstance(result, Diff):
            return
        self.tray.showMessage(
            f"Changed: {title}", notification_text(result), QSystemTrayIcon.MessageIcon.Information
        )

    def _raise_window(self, _reason: QSystemTrayIcon.ActivationReason) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def shutdown(self) -> None:
        self._pool.waitForDone(2000)
        if self.tray is not None:
            self.tray.hide()
