"""The File menu's entries for what happened to the articles: "What changed since I
last looked…", "Export digest…" (the same page as `newsdiff digest --html`) and
"Atom feed of changes…" (the same setting as `newsdiff feed`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from newsdiff_gui.core.atom_feed import disable_feed, feed_path
from newsdiff_gui.core.store import StoreError
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.ui.life.jobs import DigestJobs
from newsdiff_gui.ui.life.since_dialog import FIRST_LOOK, SinceLastLookDialog
from newsdiff_gui.ui.review.export import start_folder
from newsdiff_gui.ui.timeline.panel import PREVIOUS

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

SINCE_LAST_LOOK = "Since I last looked"
PERIODS = {
    SINCE_LAST_LOOK: None,
    "Last 24 hours": timedelta(hours=24),
    "Last 7 days": timedelta(days=7),
    "Last 30 days": timedelta(days=30),
}


class LifeMenu:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.since_look = QAction("What changed since I &last looked…", window)
        self.since_look.setShortcut(QKeySequence("Ctrl+L"))
        self.since_look.setToolTip("Every change and event since your last look, all articles")
        self.export_digest = QAction("Export &digest…", window)
        self.export_digest.setToolTip("One page of every change and event of a period")
        self.feed = QAction("Atom &feed of changes…", window)
        self.feed.setToolTip("Keep a feed file a feed reader can subscribe to")
        menu = window.menuBar().actions()[0].menu()  # File
        assert isinstance(menu, QMenu)
        after = window.commands.export
        actions = menu.actions()
        anchor = actions[actions.index(after) + 1] if after in actions else None
        for action in (self.export_digest, self.since_look, self.feed):
            if anchor is None:
                menu.addAction(action)
            else:
                menu.insertAction(anchor, action)
        self.since_look.triggered.connect(self.show_since_last_look)
        self.export_digest.triggered.connect(self.ask_digest)
        self.feed.triggered.connect(self.ask_feed)
        self.jobs = DigestJobs(window.store.address, window)
        self.jobs.written.connect(self._digest_written)
        self.jobs.feedWritten.connect(self._feed_written)
        self.jobs.failed.connect(self._failed)
        self.dialog: SinceLastLookDialog | None = None

    def author(self) -> str:
        return self.window.review.author()

    def show_since_last_look(self) -> SinceLastLookDialog:
        window = self.window
        dialog = SinceLastLookDialog(window.store, self.author(), utc_now(), self.jobs, window)
        dialog.openRequested.connect(self.open_diff)
        dialog.setModal(False)
        dialog.show()
        self.dialog = dialog
        return dialog

    def open_diff(self, article_id: int, old: int, new: int) -> None:
        window = self.window
        if not window.sidebar.select_article(article_id):
            return
        if new:
            window.timeline.select_version(new, old or PREVIOUS)

    # -- digest -------------------------------------------------------------------

    def ask_digest(self) -> None:
        choice, ok = QInputDialog.getItem(
            self.window, "Export digest", "Changes and events of:", list(PERIODS), 0, False
        )
        if not ok:
            return
        start = start_folder(self.window.settings) / "digest.html"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export digest", str(start), "Web page (*.html)"
        )
        if path:
            self.export_digest_to(choice, Path(path))

    def export_digest_to(self, period: str, out: Path) -> None:
        now = utc_now()
        self.jobs.write(self.since(period, now), now, out)
        self.window.statusBar().showMessage(f"Writing the digest to {out}…")

    def since(self, period: str, now: datetime) -> datetime:
        length = PERIODS[period]
        if length is not None:
            return now - length
        return self.window.store.events.last_look(self.author()) or now - FIRST_LOOK

    def _digest_written(self, path: str, diffs: int) -> None:
        beside = f", with {diffs} diff page(s) beside it" if diffs else ""
        self.window.statusBar().showMessage(f"Digest written to {path}{beside}", 15_000)

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self.window, "newsdiff", f"Not done: {message}")

    # -- feed ---------------------------------------------------------------------

    def ask_feed(self) -> None:
        current = feed_path(self.window.store)
        if current is not None:
            box = QMessageBox(self.window)
            box.setWindowTitle("Atom feed of changes")
            box.setText(f"The feed is written to {current} after every check that finds something.")
            other = box.addButton("Choose another file…", QMessageBox.ButtonRole.ActionRole)
            off = box.addButton("Turn off", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Close)
            box.exec()
            if box.clickedButton() is off:
                self.set_feed(None)
                return
            if box.clickedButton() is not other:
                return
        start = current or start_folder(self.window.settings) / "newsdiff-changes.atom"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Atom feed of changes", str(start), "Atom feed (*.atom *.xml)"
        )
        if path:
            self.set_feed(Path(path))

    def set_feed(self, path: Path | None) -> None:
        """Keep the feed at `path` (written in the background), or stop it (None)."""
        if path is not None:
            self.jobs.write_feed(path)
            return
        try:
            disable_feed(self.window.store)
        except StoreError as exc:
            QMessageBox.warning(self.window, "Atom feed", f"The feed was not turned off: {exc}")
            return
        self.window.statusBar().showMessage("The Atom feed is no longer written", 10_000)

    def _feed_written(self, path: str) -> None:
        self.window.statusBar().showMessage(
            f"Atom feed written to {path}; rewritten after every check that finds something",
            10_000,
        )

    def shutdown(self) -> None:
        self.jobs.wait()
