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
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from newsdiff_gui.core.words import plural
from newsdiff_gui.ui.sidebar.item import IMPORTED_ONLY_TEXT as IMPORTED_ONLY_TEXT
from newsdiff_gui.ui.sidebar.item import ArticleItem as ArticleItem
from newsdiff_gui.ui.sidebar.item import outlet_domain as outlet_domain
from newsdiff_gui.ui.sidebar.item import relative_time as relative_time
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
    # The proxy's filter role: a change announced with it alone makes the proxy
    # filter that row again, and nothing else (see ArticleListModel.refilter).
    FILTER = Qt.ItemDataRole.UserRole + 5


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

    rowMoving(int article_id, bool done)
        The article's row leaves its place (done False) and is listed again in its
        new place (done True). A move is told to Qt as a removal and an insertion:
        a QSortFilterProxyModel answers a moved row by filtering all 10,000 rows
        again. Views that keep the article selected re-select it when done.
    """

    lookChanged = Signal()  # noqa: N815
    rowMoving = Signal(int, bool)  # noqa: N815

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
        item = self._shown(self._rows.at(index.row()))
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
        return self._shown(self._rows.at(row))

    def item(self, article_id: int | None) -> ArticleItem | None:
        """The article's item; None when it is not listed (or no article is given)."""
        row = None if article_id is None else self._rows.row_of(article_id)
        return None if row is None else self._shown(self._rows.at(row))

    def items(self) -> list[ArticleItem]:
        if not self._checking:
            return self._rows.items()
        return [self._shown(item) for item in self._rows.items()]

    def row_of(self, article_id: int) -> int | None:
        return self._rows.row_of(article_id)

    # -- writing ----------------------------------------------------------------

    def _shown(self, item: ArticleItem) -> ArticleItem:
        """A stored item with the live "checking now" flag (a copy only while checking).

        The flag lives in `_checking`, not in the stored rows: a batch of 10,000 checks
        starting would otherwise copy 10,000 items on the window's thread (~50 ms)."""
        return replace(item, checking=True) if item.id in self._checking else item

    @staticmethod
    def _stored(item: ArticleItem) -> ArticleItem:
        return replace(item, checking=False) if item.checking else item

    def set_items(self, items: Iterable[ArticleItem]) -> None:
        self.beginResetModel()
        self._rows.reset(self._stored(i) for i in items)
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
        fresh = (self._stored(i) for i in items)
        for row, run in self._rows.insertion_runs(fresh):
            self.beginInsertRows(QModelIndex(), row, row + len(run) - 1)
            self._rows.insert_run(row, run)
            self.endInsertRows()

    def update_item(self, item: ArticleItem) -> None:
        """Replace the row of `item.id` (moving it if its place changed), or list it."""
        item = self._stored(item)
        row = self._rows.row_of(item.id)
        if row is None:
            self.add_items([item])
            return
        before = self._rows.at(row)
        target = self._rows.target_row(row, self._rows.key(item))
        if target != row:
            self._move(row, target, item)
            return
        self._rows.remove(row)  # its key may differ and still sort in the same place
        self._rows.insert_run(row, [item])
        index = self.index(row, 0)
        if _filter_fields(before) == _filter_fields(item):
            self.dataChanged.emit(index, index, LOOK_ROLES)
        else:
            self.dataChanged.emit(index, index)

    def _move(self, row: int, target: int, item: ArticleItem) -> None:
        """Relist the article at `target` (its row once the old one is gone)."""
        self.rowMoving.emit(item.id, False)
        self.beginRemoveRows(QModelIndex(), row, row)
        self._rows.remove(row)
        self.endRemoveRows()
        self.beginInsertRows(QModelIndex(), target, target)
        self._rows.insert_run(target, [item])
        self.endInsertRows()
        self.rowMoving.emit(item.id, True)

    def remove_item(self, article_id: int) -> None:
        row = self._rows.row_of(article_id)
        self._checking.discard(article_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._rows.remove(row)
        self.endRemoveRows()

    def refilter(self, article_ids: Iterable[int]) -> None:
        """Have the proxy filter these articles' rows again, and no others."""
        for article_id in article_ids:
            row = self._rows.row_of(article_id)
            if row is not None:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [int(ArticleRole.FILTER)])

    def set_checking(self, article_id: int, checking: bool) -> None:
        self.set_checking_many({article_id: checking})

    def set_checking_many(self, states: dict[int, bool]) -> None:
        """Mark articles as being checked or not, with one change report for all.

        A batch of 200 starts at once; one report per row would make the view and
        the proxy do their bookkeeping 200 times over while the window waits.
        """
        changed = False
        for article_id, checking in states.items():
            if checking == (article_id in self._checking):
                continue
            if checking:
                self._checking.add(article_id)
            else:
                self._checking.discard(article_id)
            changed = changed or self._rows.row_of(article_id) is not None
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
        self.setFilterRole(ArticleRole.FILTER)

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
        before = self._only_ids
        if ids == before:
            return  # refiltering 10,000 rows for nothing would stall the window
        if before is not None and ids is not None:
            # The chosen source found a few more articles (or lost some): only
            # their rows change, so only they are filtered again.
            changed = before ^ ids
            if len(changed) * 20 < self.sourceModel().rowCount():
                self._only_ids = ids
                self._articles().refilter(changed)
                return
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
