"""The sidebar's Sources section: followed feeds and pages, each a filter on the article list.

"All articles" comes first; choosing a source shows only the articles it found.
A paused source is marked as such, one whose last poll failed carries a warning
and its error in the tooltip. Pause/resume and remove are in the context menu and
under the list's buttons; the window carries them out (`SourceCommands`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.store.source_store import Source
from newsdiff_gui.core.urls import displayed_url
from newsdiff_gui.core.words import noun
from newsdiff_gui.ui.sidebar.model import relative_time

_SOURCE_ID = Qt.ItemDataRole.UserRole
_MAX_VISIBLE_ROWS = 6


def source_label(source: Source) -> str:
    title = source.title or displayed_url(source.url)
    state = " (paused)" if not source.active else ""
    warning = "⚠ " if source.last_error else ""
    return f"{warning}{title}{state}  ·  {source.article_count}"


def source_tooltip(source: Source) -> str:
    lines = [
        displayed_url(source.url),
        f"{'Feed' if source.kind == 'feed' else 'Section page'}, "
        f"{source.article_count} {noun(source.article_count, 'article')} found",
    ]
    if source.url_filter:
        lines.append(f"Only addresses matching {source.url_filter!r}")
    if source.last_checked_at is not None:
        lines.append(f"Last read {relative_time(source.last_checked_at)}")
    if not source.active:
        lines.append("Paused: not read until resumed")
    elif source.schedule.next_check_at is not None:
        lines.append(f"Next read {relative_time(source.schedule.next_check_at)}")
    if source.last_error:
        lines.append(f"Last error: {source.last_error}")
    return "\n".join(lines)


class SourcesPanel(QWidget):
    """Signals:

    sourceChosen(int | None source_id)
        The user chose a source to filter the article list by; None for all articles.
    followRequested()
        "Follow a source…" was asked for.
    pauseRequested(int source_id, bool paused)
        Pause (True) or resume (False) the source.
    removeRequested(int source_id)
        Unfollow the source (the window asks what to do with its articles).
    """

    sourceChosen = Signal(object)  # noqa: N815
    followRequested = Signal()  # noqa: N815
    pauseRequested = Signal(int, bool)  # noqa: N815
    removeRequested = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sources: dict[int, Source] = {}
        heading = QLabel("Sources", self)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        self.follow_button = QToolButton(self)
        self.follow_button.setText("Follow…")
        self.follow_button.setToolTip("Follow a feed or a section page")
        self.follow_button.clicked.connect(self.followRequested)

        self.list = QListWidget(self)
        self.list.setAccessibleName("Followed sources")
        self.list.currentItemChanged.connect(self._current_changed)

        self.pause_action = QAction("Pause", self)
        self.pause_action.triggered.connect(self._toggle_pause)
        self.remove_action = QAction("Unfollow…", self)
        self.remove_action.triggered.connect(self._remove)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.list.addActions([self.pause_action, self.remove_action])

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(heading, 1)
        header.addWidget(self.follow_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.list)
        self.set_sources([])

    def set_sources(self, sources: list[Source]) -> None:
        """Show these sources, keeping the chosen one when it is still there."""
        chosen = self.chosen_source_id()
        self._sources = {source.id: source for source in sources}
        self.list.blockSignals(True)
        self.list.clear()
        everything = QListWidgetItem("All articles", self.list)
        everything.setData(_SOURCE_ID, None)
        for source in sources:
            item = QListWidgetItem(source_label(source), self.list)
            item.setData(_SOURCE_ID, source.id)
            item.setToolTip(source_tooltip(source))
            if not source.active:
                item.setForeground(self.palette().placeholderText())
        self.list.blockSignals(False)
        self._fit_height()
        row = 0
        if chosen is not None and chosen in self._sources:
            row = 1 + list(self._sources).index(chosen)
        self.list.setCurrentRow(row)
        self._update_actions()
        if chosen is not None and chosen not in self._sources:
            self.sourceChosen.emit(None)  # the chosen source is gone: show everything

    def _fit_height(self) -> None:
        # As tall as its rows, up to six: the article list keeps the sidebar's height.
        rows = min(max(self.list.count(), 2), _MAX_VISIBLE_ROWS)
        row_height = max(self.list.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth() + 2)

    def chosen_source_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(_SOURCE_ID) if item is not None else None
        return int(value) if value is not None else None

    def choose(self, source_id: int | None) -> None:
        row = 0 if source_id is None else 1 + list(self._sources).index(source_id)
        self.list.setCurrentRow(row)

    def _current_changed(self) -> None:
        self._update_actions()
        self.sourceChosen.emit(self.chosen_source_id())

    def _update_actions(self) -> None:
        source = self._sources.get(self.chosen_source_id() or -1)
        self.pause_action.setEnabled(source is not None)
        self.remove_action.setEnabled(source is not None)
        self.pause_action.setText("Resume" if source is not None and not source.active else "Pause")

    def _toggle_pause(self) -> None:
        source = self._sources.get(self.chosen_source_id() or -1)
        if source is not None:
            self.pauseRequested.emit(source.id, source.active)

    def _remove(self) -> None:
        source_id = self.chosen_source_id()
        if source_id is not None:
            self.removeRequested.emit(source_id)
