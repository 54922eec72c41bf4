""" "What changed since I last looked": every change and event across all articles
since this reviewer's last look (kept in the store per reviewer name, so it follows
the reviewer to any desktop on a shared store), each opening its diff."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.digest import DigestItem
from newsdiff_gui.core.digest_export import EVENT_MARKS
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.core.words import plural
from newsdiff_gui.ui.life.jobs import DigestJobs

# A reviewer who never looked is shown the last week, not the store's whole history.
FIRST_LOOK = timedelta(days=7)
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%b}, {local:%H:%M}"


class SinceLastLookDialog(QDialog):
    """Signals: openRequested(int article_id, int old_number, int new_number) — the
    diff to show (old 0: the event has no comparison; new 0: the latest version)."""

    openRequested = Signal(int, int, int)  # noqa: N815

    def __init__(
        self,
        store: VersionStore,
        author: str,
        now: datetime,
        jobs: DigestJobs,
        parent: QWidget | None = None,
    ) -> None:
        """`jobs` reads the changes off the UI thread (the window's, which outlives
        the dialog, so a read still running when it closes has somewhere to land)."""
        super().__init__(parent)
        self.store, self.author, self.until = store, author, now
        last = store.events.last_look(author)
        self.since = last or now - FIRST_LOOK
        self.setWindowTitle("What changed since I last looked")
        who = f" ({author})" if author else ""
        heading = (
            f"Since you last looked{who}, {_when(last)}:"
            if last
            else f"You have not looked before{who}: the last 7 days."
        )
        self.heading = QLabel(heading, self)
        self.status = QLabel("Reading the changes…", self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["When", "Event", "Article", "What changed"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Changes and events, newest first")
        self.tree.itemActivated.connect(self._open_item)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton("&Open diff", self)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_current)
        self.seen_button = QPushButton("&Mark all as seen", self)
        self.seen_button.setToolTip("Next time, show only what changes after now")
        self.seen_button.clicked.connect(self.mark_seen)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.seen_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.tree.currentItemChanged.connect(lambda *_: self.open_button.setEnabled(True))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(980, 440)
        self.items: list[DigestItem] | None = None
        self.jobs = jobs
        jobs.loaded.connect(self.show_items)
        jobs.failed.connect(self.status.setText)
        jobs.load(self.since)

    def show_items(self, items: list[DigestItem]) -> None:
        self.items = items
        self.tree.clear()
        for item in items:
            kind = item.event.kind
            row = QTreeWidgetItem(
                [
                    _when(item.event.at),
                    f"{EVENT_MARKS[kind]} {item.label}",
                    visible_text(item.article.title) or item.article.url,
                    visible_text(item.summary),
                ]
            )
            row.setData(0, ITEM_ROLE, item)
            row.setToolTip(2, item.article.url)
            row.setToolTip(3, visible_text(item.summary))
            self.tree.addTopLevelItem(row)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        articles = len({item.article.id for item in items})
        self.status.setText(
            f"{plural(len(items), 'event')} on {plural(articles, 'article')}; "
            "double-click one to open its diff."
            if items
            else "Nothing changed in this period."
        )
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _open_current(self) -> None:
        current = self.tree.currentItem()
        if current is not None:
            self._open_item(current)

    def _open_item(self, row: QTreeWidgetItem, _column: int = 0) -> None:
        item: DigestItem = row.data(0, ITEM_ROLE)
        if item.compare is not None:
            self.openRequested.emit(item.article.id, *item.compare)
        else:
            self.openRequested.emit(item.article.id, 0, item.event.version or 0)

    def mark_seen(self) -> None:
        """This reviewer has seen everything up to when the dialog opened (what
        arrived while it was open is still new next time)."""
        self.store.events.set_last_look(self.author, self.until)
        self.accept()

    def done(self, result: int) -> None:
        self.jobs.loaded.disconnect(self.show_items)
        self.jobs.failed.disconnect(self.status.setText)
        super().done(result)
