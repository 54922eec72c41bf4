"""The check thread's reports, shown in the window: rows, timeline, status bar, batch tally.

Kept apart from the main window so the window stays its assembly: this module
knows what each report from the worker changes on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from newsdiff_gui.core.lifecycle import LifeEvent
from newsdiff_gui.ui.checking.batch_status import BatchTally

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow


class CheckReports(QObject):
    """Receives the worker's reports (it emits no signals of its own).

    A QObject child of the window, so it lives on the UI thread: the worker's
    signals connected to its bound methods are queued here, never run on the
    worker thread.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.batch = BatchTally()  # what the running batch of checks found so far

    def checks_started(self, article_ids: list[int]) -> None:
        for article_id in article_ids:
            self.window.live.checking(article_id, True)
        self.window.feedback.checks_started(article_ids)

    def check_finished(self, article_id: int, outcome: str, message: str, detail: str) -> None:
        window = self.window
        window.live.checking(article_id, False)
        window.live.stale(article_id)
        window.feedback.check_finished(article_id, outcome, message)
        self.batch.check_finished(article_id, outcome, detail)

    def version_added(self, article_id: int, number: int) -> None:
        window = self.window
        self.batch.version_added(article_id, number)
        # The row itself is refreshed when the check's "finished" report follows.
        window.notifier.version_added(article_id, number)
        if article_id != window.sidebar.current_article_id():
            return
        window.refresh_article(article_id)  # the one being read: at once, to mark it read
        # Follow the new version only if the reader was on the latest one already.
        timeline = window.timeline
        _old, new = timeline.selected()
        latest = max((entry.number for entry in timeline.entries), default=0)
        versions = window.store.list_versions(article_id)
        events = window.store.events.for_article(article_id)
        if new == latest:
            timeline.set_versions(versions, events=events)
        else:
            timeline.set_versions(versions, select=new, events=events)
        window.mark_read(article_id)

    def life_events(self, article_id: int, events: tuple[LifeEvent, ...]) -> None:
        """Gone and reverted are announced; the article on show gets its marks."""
        window = self.window
        window.notifier.life_events(article_id, events)
        if article_id == window.sidebar.current_article_id():
            window.timeline.set_events(window.store.events.for_article(article_id))

    def progress(self, done: int, total: int) -> None:
        label = self.window.progress_label
        if total:
            if done == 0:  # a new batch
                self.batch = BatchTally()
            label.setText(f"Checking {done} of {total}…")
        else:
            label.setText("")
            self.window.statusBar().showMessage(self.batch.text(), 15_000)
            self.batch = BatchTally()

    def article_added(self, article_id: int) -> None:
        self.window.refresh_article(article_id)
        self.window.sidebar.select_article(article_id)

    def article_removed(self, article_id: int) -> None:
        self.window.refresh_article(article_id)
        self.window.update_actions()
