"""The sidebar's list of tracked articles, as a Qt model over immutable snapshots.

The model never touches the store: the owner reads `Article` records (on the UI
thread's own connection) and hands them in as `ArticleItem`s, either all at
once (`set_items`) or one at a time when the worker reports on an article
(`update_item`). Live state the store does not hold (a check running right now)
is kept here, keyed by article id.
"""

from __future__ import annotations

import enum
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

ModelIndex = QModelIndex | QPersistentModelIndex


def _sort_and_filter_key(item: ArticleItem) -> tuple[object, ...]:
    """What the proxy sorts and filters on (see ArticleFilterProxy)."""
    return (item.title, item.url, item.domain, item.last_changed_at)


class ArticleRole(enum.IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    ITEM = Qt.ItemDataRole.UserRole + 2  # the whole ArticleItem, for the delegate
    LAST_CHANGED = Qt.ItemDataRole.UserRole + 3  # POSIX seconds, 0.0 when never
    UNREAD = Qt.ItemDataRole.UserRole + 4


# The roles a change of looks only touches (checking now, unread count, error icon).
# Announcing just these lets the proxy skip re-sorting and re-filtering, which it
# does for its sort role (DisplayRole) or an unspecified change, calling our Python
# lessThan a dozen times per report while 200 checks come in.
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
    """One row per tracked article, in store order (sorting is the proxy's job).

    Signals:

    lookChanged()
        Rows changed in looks only (the "checking now" flags, which neither sorting
        nor filtering depends on): views repaint. No dataChanged is sent for these,
        because the proxy would re-check the order of every row in the range, in
        Python, while a batch of 200 checks starts.
    """

    lookChanged = Signal()  # noqa: N815

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ArticleItem] = []
        self._checking: set[int] = set()
        # Sort keys by (article id, order), each with the item it was made from.
        self._sort_keys: dict[tuple[int, SortOrder], tuple[ArticleItem, tuple[Any, ...]]] = {}

    # -- reading ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
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

    def sort_key(self, row: int, order: SortOrder) -> tuple[Any, ...]:
        """The proxy compares these; made once per item, not on every comparison."""
        item = self._items[row]
        cached = self._sort_keys.get((item.id, order))
        if cached is None or cached[0] is not item:
            cached = self._sort_keys[(item.id, order)] = (item, _sort_key(item, order))
        return cached[1]

    def item(self, article_id: int | None) -> ArticleItem | None:
        """The article's item; None when it is not listed (or no article is given)."""
        row = None if article_id is None else self.row_of(article_id)
        return None if row is None else self._items[row]

    def items(self) -> list[ArticleItem]:
        return list(self._items)

    def row_of(self, article_id: int) -> int | None:
        for row, item in enumerate(self._items):
            if item.id == article_id:
                return row
        return None

    # -- writing ----------------------------------------------------------------

    def set_items(self, items: Iterable[ArticleItem]) -> None:
        self.beginResetModel()
        self._items = [replace(i, checking=i.id in self._checking) for i in items]
        self.endResetModel()

    def add_items(self, items: Iterable[ArticleItem]) -> None:
        """Append the items not listed yet, with one insertion report for all of them
        (a source's hundreds of new articles; row by row, the proxy would re-sort
        for each one while the window waits)."""
        listed = {item.id for item in self._items}
        new = [replace(i, checking=i.id in self._checking) for i in items if i.id not in listed]
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(new) - 1)
        self._items.extend(new)
        self.endInsertRows()

    def update_item(self, item: ArticleItem) -> None:
        """Replace the row of `item.id`, or append it if it is new."""
        item = replace(item, checking=item.id in self._checking)
        row = self.row_of(item.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items))
            self._items.append(item)
            self.endInsertRows()
            return
        before, self._items[row] = self._items[row], item
        index = self.index(row, 0)
        if _sort_and_filter_key(before) == _sort_and_filter_key(item):
            self.dataChanged.emit(index, index, LOOK_ROLES)
        else:
            self.dataChanged.emit(index, index)

    def remove_item(self, article_id: int) -> None:
        row = self.row_of(article_id)
        self._checking.discard(article_id)
        for order in SortOrder:
            self._sort_keys.pop((article_id, order), None)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        self.endRemoveRows()

    def set_checking(self, article_id: int, checking: bool) -> None:
        self.set_checking_many({article_id: checking})

    def set_checking_many(self, states: dict[int, bool]) -> None:
        """Mark articles as being checked or not, with one change report for all.

        A batch of 200 starts at once; one report per row would make the view and
        the proxy do their bookkeeping 200 times over while the window waits.
        """
        for article_id, checking in states.items():
            if checking:
                self._checking.add(article_id)
            else:
                self._checking.discard(article_id)
        changed = False
        for row, item in enumerate(self._items):
            wanted = states.get(item.id)
            if wanted is not None and item.checking != wanted:
                self._items[row] = replace(item, checking=wanted)
                changed = True
        if changed:
            self.lookChanged.emit()

    def refresh_times(self) -> None:
        """'12 min ago' ages while the window is open: repaint every row."""
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))


class SortOrder(enum.StrEnum):
    LAST_CHANGE = "last_change"
    TITLE = "title"


class ArticleFilterProxy(QSortFilterProxyModel):
    """Filters on title, URL and outlet; sorts by last change (newest first) or title."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._order = SortOrder.LAST_CHANGE
        self._needle = ""
        # The articles of the source chosen in the Sources section; None: every article.
        self._only_ids: frozenset[int] | None = None
        self.setDynamicSortFilter(True)

    @property
    def order(self) -> SortOrder:
        return self._order

    def set_order(self, order: SortOrder) -> None:
        self._order = order
        # Re-sorting with a new key: sort() again re-runs lessThan over every row.
        self.sort(-1)
        self.sort(0, Qt.SortOrder.AscendingOrder)

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
        index = self.sourceModel().index(source_row, 0, source_parent)
        item: ArticleItem = self.sourceModel().data(index, ArticleRole.ITEM)
        if self._only_ids is not None and item.id not in self._only_ids:
            return False
        haystack = f"{item.title}\n{item.url}\n{item.domain}".casefold()
        return all(word in haystack for word in self._needle.split())

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:  # noqa: N802
        # Called hundreds of times per update while checks report in: straight to the
        # model's cached keys, without a data() round trip through Qt per side.
        model = self.sourceModel()
        if isinstance(model, ArticleListModel):
            order = self._order
            return model.sort_key(left.row(), order) < model.sort_key(right.row(), order)
        a: ArticleItem = model.data(left, ArticleRole.ITEM)
        b: ArticleItem = model.data(right, ArticleRole.ITEM)
        return _sort_key(a, self._order) < _sort_key(b, self._order)


def _sort_key(item: ArticleItem, order: SortOrder) -> tuple[Any, ...]:
    title = item.shown_title.casefold()
    if order is SortOrder.TITLE:
        return (title, item.id)
    # Newest change first; never-captured articles (just added) go on top so the
    # user sees the one they added, then ties by title for a stable order.
    changed = item.last_changed_at.timestamp() if item.last_changed_at else float("inf")
    return (-changed, title, item.id)
