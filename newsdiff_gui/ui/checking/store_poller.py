"""Following the store while other programs write to it: colleagues' windows, watchers.

`StorePoller` is a thread with its own read-only connection; every few seconds it asks
the store's change feed (core/store/change_feed.py) what changed and, when something
did, hands the answer (an immutable StoreChanges) to the UI thread. `StoreSync`, on
the UI thread, applies it the way the window's own checker reports are applied: rows
re-read, the timeline of the article being read extended (the reader's comparison
kept unless they were on the latest), notes reloaded with the reader's selection and
unsaved text kept.

Faster wake-up: `wait(stop, seconds)` is how the poller sleeps between questions. On a
PostgreSQL store StoreSync passes a ChangeListener (core/store/change_notify.py), which
LISTENs for the engine's NOTIFY and returns at the first notification; the question
asked is the same, so a lost notification costs at most one interval.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.store.change_feed import ChangeToken, StoreChanges
from newsdiff_gui.core.store.change_notify import ChangeListener

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

log = logging.getLogger(__name__)

# "Within seconds": a colleague's note or a watcher's version shows up this soon.
POLL_SECONDS = 3.0

Waiter = Callable[[threading.Event, float], object]


def sleep_until_stopped(stop: threading.Event, seconds: float) -> object:
    return stop.wait(seconds)


class StorePoller(QThread):
    """Signals:

    changed(StoreChanges changes)
        Something changed since the last question (never emitted for nothing).
    """

    changed = Signal(object)

    def __init__(
        self,
        database: StoreAddress,
        interval: float = POLL_SECONDS,
        wait: Waiter = sleep_until_stopped,
        parent: QObject | None = None,
        since: ChangeToken | None = None,
    ) -> None:
        """`since`: report what changed after this point (None: after the thread's first
        question)."""
        super().__init__(parent)
        self._since = since
        self._database = database
        self._interval = interval
        self._wait = wait
        self._stop = threading.Event()

    def run(self) -> None:
        try:
            store = VersionStore.open(self._database, read_only=True)
        except StoreError as exc:  # the window says what is wrong with the store itself
            log.warning("not following the store's changes: %s", exc)
            return
        with store:
            token = self._since
            try:
                while not self._stop.is_set():
                    token = self._ask(store, token)
                    self._wait(self._stop, self._interval)
            finally:
                close = getattr(self._wait, "close", None)
                if close is not None:  # a listener's connection lives in this thread
                    close()

    def _ask(self, store: VersionStore, token: ChangeToken | None) -> ChangeToken | None:
        try:
            if token is None:
                return store.changes.token()
            changes = store.changes.since(token)
        except StoreError as exc:  # busy or briefly unreachable: ask again next time
            log.warning("could not read the store's changes: %s", exc)
            return token
        if changes.any:
            self.changed.emit(changes)
        return changes.token

    def stop(self) -> None:
        self._stop.set()
        self.wait()


class StoreSync(QObject):
    """Applies what others changed in the store to the window (on the UI thread)."""

    def __init__(self, window: MainWindow, interval: float = POLL_SECONDS) -> None:
        super().__init__(window)
        self.window = window
        address = window.store.address
        wait = ChangeListener(address) if address.url is not None else sleep_until_stopped
        # The point to follow from is taken now, before the window reads its articles:
        # taken by the thread once it runs, what others wrote in between would never show.
        try:
            since: ChangeToken | None = window.store.changes.token()
        except StoreError as exc:
            log.warning("following the store's changes from when the poller starts: %s", exc)
            since = None
        self.poller = StorePoller(address, interval, wait, since=since)
        self.poller.changed.connect(self.apply)  # a bound method here: queued to this thread

    def start(self) -> None:
        self.poller.start()

    def shutdown(self) -> None:
        self.poller.stop()

    def apply(self, changes: StoreChanges) -> None:
        window = self.window
        if changes.articles_changed:
            self._sync_article_list()
        for article_id in changes.checked_articles:
            window.live.stale(article_id)
        current = window.sidebar.current_article_id()
        shown = max((entry.number for entry in window.timeline.entries), default=0)
        newest = max((n for a, n in changes.new_versions if a == current), default=0)
        if current is not None and newest > shown:
            window.check_reports.version_added(current, newest)
        if changes.notes_changed:
            window.review.controller.refresh_notes()

    def _sync_article_list(self) -> None:
        window = self.window
        try:  # ids only: every row of 10,000 articles took ~0.5 s of the window's thread
            stored = set(window.store.article_ids())
        except StoreError as exc:
            log.warning("could not re-read the article list: %s", exc)
            return
        listed = {item.id for item in window.model.items()}
        # A watcher's source may add hundreds at once: listed a slice per turn.
        window.new_articles.list_new(sorted(stored - listed))
        for article_id in listed - stored:
            window.model.remove_item(article_id)
