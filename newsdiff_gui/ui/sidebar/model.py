"""The sidebar's list of tracked articles, as a Qt model over immutable snapshots.

The model never touches the store: the owner reads `Article` records (on the UI
thread's own connection) and hands them in as `ArticleItem`s, either all at
once (`set_items`) or one at a time when the worker reports on an article
(`update_item`). Live state the store does not hold (a check running right now)
is kept here, keyed by article id.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from newsdiff_gui.core.schedule import is_imported_only
from newsdiff_gui.core.store import Article
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.core.words import plural
from newsdiff_gui.ui.sidebar.sorted_rows import SortedRows
from newsdiff_gui.ui.sidebar.sorted_rows import SortOrder as SortOrder  # where callers import it

ModelIndex = QModelIndex | QPersistentModelIndex


def _filter_fields(item: ArticleItem) -> tuple[object, ...]:
    """What the proxy filters on (see ArticleFilterProxy)."""
    return (item.title, item.url, item.domain)


class ArticleRole(enum.IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    ITEM = Qt.ItemDataRole.UserRole + 2  # the whole ArticleItem, for the delegate
    LAST_CHANGED = Qt.ItemDataRole.UserRole + 3  # POSIX seconds, 0.0 when never
    UNREAD = Qt.ItemDataRole.UserRole + 4


# The roles a change of looks only touches (checking now, unread count, error icon).
# Announcing just these lets the proxy skip re-filtering, which it does for its
# filter role (DisplayRole) or an unspecified change, calling our Python
# filterAcceptsRow for every row in the range.
LOOK_ROLES = [
    int(ArticleRole.ITEM),
    int(ArticleRole.UNREAD),
    int(Qt.ItemDataRole.ToolTipRole),
    int(Qt.ItemDataRole.AccessibleTextRole),
]


# The sidebar's words for an article whose live page is never contacted on its own.
IMPORTED_ONLY_TEXT = (
    "Not checked: imported only (Check now fetches the live page once; "
    "Article → Start checking the live page keeps checking it)"
)


@dataclass(frozen=True, slots=True)
class ArticleItem:
    """What one sidebar row shows."""

    id: int
    url: str
    title: str
    domain: str
    version_count: int
    last_changed_at: datetime | None
    unread_changes: int
    last_error: str | None
    active: bool
    stopped_reason: str | None
    suspect_reason: str | None = None  # the latest version looks like a broken page
    checking: bool = False
    gone: bool = False  # the story is no longer at its address (core/lifecycle.py)

    @classmethod
    def from_article(cls, article: Article) -> ArticleItem:
        suspect = None
        if article.latest_suspect is not None:
            suspect = article.latest_suspect or "the latest version looks like a broken page"
        return cls(
            id=article.id,
            url=article.url,
            title=article.title or "",
            domain=outlet_domain(article.url),
            version_count=article.version_count,
            last_changed_at=article.last_changed_at,
            unread_changes=article.unread_changes,
            last_error=article.last_error,
            active=article.active,
            stopped_reason=article.stopped_reason,
            suspect_reason=suspect,
        )

    @property
    def shown_title(self) -> str:
        # Every place the title is shown (row, tooltip, status bar, screen reader)
        # reads it here: bidi controls and hidden characters as markers.
        return visible_text(self.title) or self.url

    @property
    def imported_only(self) -> bool:
        """Stored from saved pages only: its site is not contacted until the user asks."""
        return is_imported_only(self)

    @property
    def never_worked(self) -> bool:
        """No version stored and the checks fail: no check has ever captured it."""
        return self.version_count == 0 and bool(self.last_error)

    def tooltip(self) -> str:
        # The address once: an article without a title yet is shown by its address.
        lines = [self.shown_title] if self.shown_title == self.url else [self.shown_title, self.url]
        if self.checking:
            lines.append("Checking now…")
        if self.never_worked:
            lines.append(f"Never captured: every check failed (last: {self.last_error})")
        elif self.last_error:
            lines.append(f"Last check failed: {self.last_error}")
        if self.suspect_reason:
            lines.append(f"Suspect extraction: {self.suspect_reason}")
        if self.gone:
            lines.append("Gone: the story is no longer at its address (its timeline says how)")
        if self.imported_only:
            lines.append(IMPORTED_ONLY_TEXT)
        elif not self.active:
            reason = {
                "untracked": "you stopped tracking it",
                "stable": "it stopped changing",
            }.get(self.stopped_reason or "", self.stopped_reason or "stopped")
            lines.append(f"No longer checked ({reason})")
        return "\n".join(lines)


def outlet_domain(url: str) -> str:
    """The outlet as readers name it: the host without a leading 'www.'."""
    # Read once per outlet, not per article: 10,000 articles share a few dozen
    # hosts, and urlsplit is most of what listing an article costs.
    origin = _ORIGIN.match(url)
    return _outlet_of(origin.group(0)) if origin else _outlet_of(url)


_ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


@functools.lru_cache(maxsize=1024)
def _outlet_of(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def relative_time(moment: datetime | None, now: datetime | None = None) -> str:
    """'just now', '12 min ago', '3 h ago', 'yesterday', '4 days ago', then the date."""
    if moment is None:
        return "never"
    now = now or utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return moment.astimezone().strftime("%d %b %Y")


class ArticleListModel(QAbstractListModel):
    """One row per tracked article, kept in the chosen order (sidebar/sorted_rows.py).

    The proxy only filters: sorting in the model costs one binary search per new
    or moved row instead of a Python `lessThan` per comparison in the proxy.

    Signals:

    lookChanged()
        Rows changed in looks only (the "checking now" flags, which neither sorting
        nor filtering depends on): views repaint. No dataChanged is sent for these,
        because the proxy would re-check every row in the range, in Python, while a
        batch of 200 checks starts.
    """

    lookChanged = Signal()  # noqa: N815

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = SortedRows()
        self._checking: set[int] = set()

    # -- reading ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows.at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return item.shown_title
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.tooltip()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            unread = (
                f", {plural(item.unread_changes, 'unread change')}" if item.unread_changes else ""
            )
            imported = ", not checked: imported only" if item.imported_only else ""
            return (
                f"{item.shown_title}, {item.domain}, {plural(item.version_count, 'version')}"
                f"{unread}{imported}"
            )
        if role == ArticleRole.ID:
            return item.id
        if role == ArticleRole.ITEM:
            return item
        if role == ArticleRole.LAST_CHANGED:
            return item.last_changed_at.timestamp() if item.last_changed_at else 0.0
        if role == ArticleRole.UNREAD:
            return item.unread_changes
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @property
    def order(self) -> SortOrder:
        return self._rows.order

    def item_at(self, row: int) -> ArticleItem:
        """The item of a row (the proxy's filter reads it without a data() round trip)."""
        return self._rows.at(row)

    def item(self, article_id: int | None) -> ArticleItem | None:
        """The article's item; None when it is not listed (or no article is given)."""
        row = None if article_id is None else self._rows.row_of(article_id)
        return None if row is None else self._rows.at(row)

    def items(self) -> list[ArticleItem]:
        return self._rows.items()

    def row_of(self, article_id: int) -> int | None:
        return self._rows.row_of(article_id)

    # -- writing ----------------------------------------------------------------

    def _with_checking(self, item: ArticleItem) -> ArticleItem:
        """The item with the live "checking now" flag (copied only when it differs)."""
        checking = item.id in self._checking
        return item if item.checking == checking else replace(item, checking=checking)

    def set_items(self, items: Iterable[ArticleItem]) -> None:
        self.beginResetModel()
        self._rows.reset(self._with_checking(i) for i in items)
        self.endResetModel()

    def set_order(self, order: SortOrder) -> None:
        """Re-sort every row; selections and the current row follow their articles."""
        if order is self._rows.order:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows.at(index.row()).id for index in before]
        self._rows.reset(self._rows.items(), order)
        after = [self.index(self._rows.row_of(i) or 0, 0) for i in ids]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def add_items(self, items: Iterable[ArticleItem]) -> None:
        """List the items not listed yet, each in its place: one insertion report per
        run of neighbours (a source's hundreds of new articles mostly sort together)."""
        fresh = (self._with_checking(i) for i in items)
        for row, run in self._rows.insertion_runs(fresh):
            self.beginInsertRows(QModelIndex(), row, row + len(run) - 1)
            self._rows.insert_run(row, run)
            self.endInsertRows()

    def update_item(self, item: ArticleItem) -> None:
        """Replace the row of `item.id` (moving it if its place changed), or list it."""
        item = self._with_checking(item)
        row = self._rows.row_of(item.id)
        if row is None:
            self.add_items([item])
            return
        before = self._rows.at(row)
        target = self._rows.target_row(row, self._rows.key(item))
        if target != row:
            # Qt counts the destination before the row leaves the list.
            destination = target + 1 if target > row else target
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
            self._rows.remove(row)
            self._rows.insert_run(target, [item])
            self.endMoveRows()
            row = target
        else:
            self._rows.remove(row)
            self._rows.insert_run(row, [item])
        index = self.index(row, 0)
        if _filter_fields(before) == _filter_fields(item):
            self.dataChanged.emit(index, index, LOOK_ROLES)
        else:
            self.dataChanged.emit(index, index)

    def remove_item(self, article_id: int) -> None:
        row = self._rows.row_of(article_id)
        self._checking.discard(article_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._rows.remove(row)
        self.endRemoveRows()

    def set_checking(self, article_id: int, checking: bool) -> None:
        self.set_checking_many({article_id: checking})

    def set_checking_many(self, states: dict[int, bool]) -> None:
        """Mark articles as being checked or not, with one change report for all.

        A batch of 200 starts at once; one report per row would make the view and
        the proxy do their bookkeeping 200 times over while the window waits.
        """
        changed = False
        for article_id, checking in states.items():
            if checking:
                self._checking.add(article_id)
            else:
                self._checking.discard(article_id)
            row = self._rows.row_of(article_id)
            if row is not None and self._rows.at(row).checking != checking:
                self._rows.replace(row, replace(self._rows.at(row), checking=checking))
                changed = True
        if changed:
            self.lookChanged.emit()

    def refresh_times(self) -> None:
        """'12 min ago' ages while the window is open: repaint every row (looks only:
        the order and the filter do not depend on the time of day)."""
        if len(self._rows):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0), LOOK_ROLES)


class ArticleFilterProxy(QSortFilterProxyModel):
    """Filters on title, URL, outlet and source; the rows keep the model's order.

    The order (last change, newest first, or title) is the model's: `set_order`
    and `order` pass through, and `sort` keeps the model's order rather than
    comparing rows in Python.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""
        # The articles of the source chosen in the Sources section; None: every article.
        self._only_ids: frozenset[int] | None = None
        self.setDynamicSortFilter(True)

    def _articles(self) -> ArticleListModel:
        model = self.sourceModel()
        assert isinstance(model, ArticleListModel), "the proxy filters the article list"
        return model

    @property
    def order(self) -> SortOrder:
        return self._articles().order

    def set_order(self, order: SortOrder) -> None:
        self._articles().set_order(order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        super().sort(-1, order)  # the model's own order

    def set_filter_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._needle = text.strip().casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = text.strip().casefold()
            self.invalidateRowsFilter()

    def set_article_ids(self, ids: frozenset[int] | None) -> None:
        """Show only these articles (a source's), or every article with None."""
        if ids == self._only_ids:
            return  # refiltering 10,000 rows for nothing would stall the window
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._only_ids = ids
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._only_ids = ids
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        if not self._needle and self._only_ids is None:
            return True
        # Straight to the model's item: 10,000 rows are refiltered per keystroke.
        item = self._articles().item_at(source_row)
        if self._only_ids is not None and item.id not in self._only_ids:
            return False
        if not self._needle:
            return True
        haystack = f"{item.title}\n{item.url}\n{item.domain}".casefold()
        return all(word in haystack for word in self._needle.split())
