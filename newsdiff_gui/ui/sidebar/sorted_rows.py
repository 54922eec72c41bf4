"""The sidebar's rows kept in display order, with an id index (no Qt).

Sorting is done here, once per item, rather than by a QSortFilterProxyModel: a
proxy compares rows through a Python `lessThan`, some 14 calls to list one new
article among 10,000 and 140,000 to sort them, while the window waits. Kept in
order here, a new row's place is one binary search over precomputed keys, an
article's row is found by its key in O(log n), and sorting 10,000 rows is one
`list.sort` (milliseconds).
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from newsdiff_gui.ui.sidebar.item import ArticleItem

SortKey = tuple[Any, ...]


class SortOrder(enum.StrEnum):
    LAST_CHANGE = "last_change"
    TITLE = "title"


def sort_key(item: ArticleItem, order: SortOrder) -> SortKey:
    """Unique per article (the id breaks ties), so rows have one place each."""
    title = item.shown_title.casefold()
    if order is SortOrder.TITLE:
        return (title, item.id)
    # Newest change first; never-captured articles (just added) go on top so the
    # user sees the one they added, then ties by title for a stable order.
    changed = item.last_changed_at.timestamp() if item.last_changed_at else float("inf")
    return (-changed, title, item.id)


class SortedRows:
    """Items in `order`, each with its key; rows are positions in that order."""

    def __init__(self, order: SortOrder = SortOrder.LAST_CHANGE) -> None:
        self.order = order
        self._items: list[ArticleItem] = []
        self._keys: list[SortKey] = []
        self._key_of: dict[int, SortKey] = {}  # article id → its key (and so its row)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, article_id: int) -> bool:
        return article_id in self._key_of

    def at(self, row: int) -> ArticleItem:
        return self._items[row]

    def items(self) -> list[ArticleItem]:
        return list(self._items)

    def row_of(self, article_id: int) -> int | None:
        key = self._key_of.get(article_id)
        return None if key is None else bisect_left(self._keys, key)

    def key(self, item: ArticleItem) -> SortKey:
        return sort_key(item, self.order)

    # -- changes (the model announces each to Qt around the call) -----------------

    def reset(self, items: Iterable[ArticleItem], order: SortOrder | None = None) -> None:
        """All rows at once, sorted once; the last of two items with one id wins."""
        self.order = order or self.order
        latest = {item.id: item for item in items}
        keyed = sorted((self.key(item), item) for item in latest.values())
        self._keys = [key for key, _item in keyed]
        self._items = [item for _key, item in keyed]
        self._key_of = {item.id: key for key, item in keyed}

    def insertion_runs(self, items: Iterable[ArticleItem]) -> list[tuple[int, list[ArticleItem]]]:
        """New items (ids not listed, first of each id) grouped by the row they go
        before, from the last row to the first: inserting the runs in that order
        leaves the rows of those still to insert unchanged."""
        fresh: dict[int, ArticleItem] = {}
        for item in items:
            if item.id not in self._key_of and item.id not in fresh:
                fresh[item.id] = item
        runs: dict[int, list[ArticleItem]] = {}
        for key, item in sorted((self.key(item), item) for item in fresh.values()):
            runs.setdefault(bisect_left(self._keys, key), []).append(item)
        return sorted(runs.items(), reverse=True)

    def insert_run(self, row: int, items: list[ArticleItem]) -> None:
        """Insert items (in order, all belonging just before `row`) at `row`."""
        keys = [self.key(item) for item in items]
        self._items[row:row] = items
        self._keys[row:row] = keys
        self._key_of.update((item.id, key) for item, key in zip(items, keys, strict=True))

    def remove(self, row: int) -> ArticleItem:
        item = self._items.pop(row)
        del self._keys[row]
        del self._key_of[item.id]
        return item

    def replace(self, row: int, item: ArticleItem) -> None:
        """A new snapshot of the row's article that sorts in the same place."""
        assert self._keys[row] == self.key(item) and self._items[row].id == item.id
        self._items[row] = item

    def target_row(self, row: int, key: SortKey) -> int:
        """Where the row's article belongs with `key`, counted without the row itself."""
        target = bisect_left(self._keys, key)
        return target - 1 if target > row else target
