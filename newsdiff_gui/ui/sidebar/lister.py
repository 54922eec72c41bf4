"""New articles reach the sidebar a slice per event-loop turn.

A followed source (polled here, or by a colleague's watcher on a shared store)
may add hundreds of articles at once; reading and placing 10,000 rows in one go
would freeze the window for seconds. Each turn reads one slice with one store
query and places its rows by binary search, for at most `_LIST_BUDGET`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.ui.sidebar.item import ArticleItem
from newsdiff_gui.ui.sidebar.model import ArticleListModel

log = logging.getLogger(__name__)

# Well inside the 50 ms a window may stall, leaving room for painting.
_LIST_STEP = 25
_LIST_BUDGET = 0.010


class NewArticleLister(QObject):
    """Signals:

    listed()
        Every article asked for so far is in the list (or could not be read).
    """

    listed = Signal()

    def __init__(self, store: VersionStore, model: ArticleListModel, parent: QObject) -> None:
        super().__init__(parent)
        self._store = store
        self._model = model
        self._pending: list[int] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._list_some)

    def list_new(self, article_ids: Iterable[int]) -> None:
        """List these articles (those listed already are left as they are), not now:
        from the next event-loop turn on."""
        self._pending.extend(article_ids)
        if self._pending:
            self._timer.start()

    def _items(self, article_ids: list[int]) -> list[ArticleItem]:
        try:  # one query for the slice: one per article held the window ~1 ms each
            articles = self._store.get_articles(article_ids)
        except StoreError as exc:  # a busy database: the next full reload lists them
            log.warning("could not list %d new articles: %s", len(article_ids), exc)
            return []
        return [ArticleItem.from_article(article) for article in articles]

    def _list_some(self) -> None:
        # Time-boxed rather than counted: on a loaded machine a fixed count can take
        # several times as long, and the window must stay responsive all the same.
        deadline = time.perf_counter() + _LIST_BUDGET
        while self._pending:
            batch = self._pending[:_LIST_STEP]
            del self._pending[:_LIST_STEP]
            self._model.add_items(self._items(batch))
            if time.perf_counter() >= deadline:
                break
        if not self._pending:
            self._timer.stop()
            self.listed.emit()
