"""The window's source commands: follow, pause/resume, unfollow, filter the list by source.

Reads and the one-row pause/resume go through the window's own store connection (as
`mark_read` does); fetching and the writes that may touch hundreds of articles
(following, unfollowing with its articles) run in `SourceJobs`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from newsdiff_gui.core.store import StoreError
from newsdiff_gui.core.store.source_store import Source
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.core.urls import displayed_url
from newsdiff_gui.core.words import noun
from newsdiff_gui.ui.sidebar.sources import SourcesPanel
from newsdiff_gui.ui.sources.follow_dialog import FollowSourceDialog
from newsdiff_gui.ui.sources.jobs import SourceJobs

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

log = logging.getLogger(__name__)


def removal_question(source: Source, only_found: int) -> str:
    """What unfollowing means for the source's articles, in numbers."""
    name = source.title or displayed_url(source.url)
    total = source.article_count
    text = f"Stop following “{name}”? It found {total} {noun(total, 'article')}."
    shared = total - only_found
    if shared:
        text += (
            f" {shared} of them {'is' if shared == 1 else 'are'} tracked by hand or also "
            "found by another source and stay whatever you choose."
        )
    return text


class SourceCommands(QObject):
    def __init__(self, window: MainWindow, fetcher_factory: Any = None) -> None:
        super().__init__(window)
        self.window = window
        self.panel = SourcesPanel(window.sidebar)
        window.sidebar.add_section(self.panel)
        self.jobs = SourceJobs(window.store.address, self, fetcher_factory)
        self.jobs.finished.connect(self._job_finished)
        self._removals: dict[int, str] = {}  # job token → what the status bar says after
        self._announced = 0  # polled articles not told in the status bar yet
        window.new_articles.listed.connect(self._listed)
        self.panel.followRequested.connect(self.follow)
        self.panel.sourceChosen.connect(self.show_source)
        self.panel.pauseRequested.connect(self.set_paused)
        self.panel.removeRequested.connect(self.ask_remove)
        self.reload()

    def reload(self) -> None:
        try:
            self.panel.set_sources(self.window.store.sources.all())
        except StoreError as exc:
            self.window.statusBar().showMessage(str(exc))
            return
        self.show_source(self.panel.chosen_source_id())

    def show_source(self, source_id: int | None) -> None:
        """Filter the article list to the source's articles (None: all of them)."""
        ids = None
        if source_id is not None:
            try:
                ids = frozenset(self.window.store.sources.article_ids(source_id))
            except StoreError as exc:
                self.window.statusBar().showMessage(str(exc))
        self.window.sidebar.proxy.set_article_ids(ids)

    def sources_polled(self, added: list[int]) -> None:
        """The background checker read due sources and tracked `added`."""
        self._announced += len(added)
        self.window.new_articles.list_new(added)
        if not added:
            self.reload()  # the sources' last-read times and errors

    def _listed(self) -> None:
        """Everything polled (here or by a watcher) is in the article list."""
        self.reload()  # the sources' article counts and last-read times
        self.window.update_actions()
        if self._announced:
            count, self._announced = self._announced, 0
            self.window.statusBar().showMessage(
                f"Sources: {count} new {noun(count, 'article')} to watch", 10_000
            )

    # -- follow --------------------------------------------------------------------

    def follow(self, url: str = "") -> FollowSourceDialog:
        dialog = FollowSourceDialog(self.jobs, self.window, url)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._followed(dialog.followed))
        dialog.open()
        return dialog

    def _followed(self, followed: tuple[int, int, tuple[int, ...]] | None) -> None:
        if followed is None:
            return
        source_id, found, added = followed
        self.reload()
        self.panel.choose(source_id)
        self.window.new_articles.list_new(added)
        if self.window.sidebar.current_article_id() is None and (
            self.window.model.rowCount() or added
        ):
            self.window.detail.show_nothing_selected()  # no longer the empty store's welcome
        self.window.statusBar().showMessage(
            f"Following: {found} {noun(found, 'article')} found, {len(added)} newly tracked; "
            "first captures are spread out",
            15_000,
        )

    # -- pause, remove -------------------------------------------------------------

    def set_paused(self, source_id: int, paused: bool) -> None:
        try:
            self.window.store.sources.set_active(source_id, not paused, utc_now())
        except StoreError as exc:
            self.window.request_failed("remove", str(exc))
            return
        self.reload()

    def ask_remove(self, source_id: int) -> QMessageBox | None:
        try:
            source = self.window.store.sources.get(source_id)
            only_found = len(self.window.store.sources.only_found_by(source_id))
        except StoreError as exc:
            self.window.statusBar().showMessage(str(exc))
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unfollow source",
            removal_question(source, only_found),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        keep = QPushButton("Unfollow, keep its articles", box)
        box.addButton(keep, QMessageBox.ButtonRole.AcceptRole)
        delete: QPushButton | None = None
        if only_found:
            delete = QPushButton(
                f"Unfollow and delete {only_found} {noun(only_found, 'article')}", box
            )
            box.addButton(delete, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            clicked = box.clickedButton()
            if clicked is keep or (delete is not None and clicked is delete):
                self.remove(source_id, purge=clicked is delete)

        box.finished.connect(chosen)
        box.open()  # not exec(): the window keeps running while the box is up
        return box

    def remove(self, source_id: int, purge: bool) -> None:
        token = self.jobs.remove(source_id, purge)
        self._removals[token] = "purge" if purge else "keep"

    def _job_finished(self, token: int, answer: object) -> None:
        kind = self._removals.pop(token, None)
        if kind is None:
            return  # the Follow dialog's job
        if isinstance(answer, Exception):
            self.window.request_failed("remove", f"The source could not be removed: {answer}")
            return
        if kind == "purge":
            self.window.reload_articles()
        self.reload()
        message = "Source unfollowed; its articles stay tracked"
        if kind == "purge":
            message = f"Source unfollowed; {answer} {noun(int(str(answer)), 'article')} deleted"
        self.window.statusBar().showMessage(message, 10_000)

    def shutdown(self) -> None:
        self.jobs.shutdown()
