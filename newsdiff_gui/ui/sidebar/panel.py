"""The sidebar: filter box, sort choice and the list of tracked articles."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.ui.sidebar.delegate import ArticleDelegate
from newsdiff_gui.ui.sidebar.model import (
    ArticleFilterProxy,
    ArticleListModel,
    ArticleRole,
    SortOrder,
)


class Sidebar(QWidget):
    """Signals:

    currentArticleChanged(int | None article_id)
        The selected article changed; None when nothing is selected.
    """

    currentArticleChanged = Signal(object)  # noqa: N815

    def __init__(self, model: ArticleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(model)

        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter by title, outlet or URL")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter articles")
        self.filter_box.textChanged.connect(self.proxy.set_filter_text)

        self.sort_box = QComboBox(self)
        self.sort_box.addItem("Latest change", SortOrder.LAST_CHANGE.value)
        self.sort_box.addItem("Title", SortOrder.TITLE.value)
        self.sort_box.setAccessibleName("Sort articles by")
        self.sort_box.setToolTip("Sort articles by their latest change or by title")
        self.sort_box.currentIndexChanged.connect(self._sort_changed)

        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ArticleDelegate(self.view))
        self.view.setUniformItemSizes(True)
        model.lookChanged.connect(self.view.viewport().update)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setAccessibleName("Tracked articles")
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

        self._last_emitted: int | None = None
        self._moving: int | None = None  # the selected article, while its row moves
        model.rowMoving.connect(self._row_moving)
        # "12 min ago" must age while the window stays open.
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(model.refresh_times)
        self._clock.start()

    def add_section(self, widget: QWidget) -> None:
        """Another part of the sidebar below the article list (the Sources section)."""
        layout = self.layout()
        assert layout is not None
        layout.addWidget(widget)

    # -- selection ---------------------------------------------------------------

    def current_article_id(self) -> int | None:
        """The selected article's id; None when nothing is selected."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return int(index.data(ArticleRole.ID))

    def select_article(self, article_id: int) -> bool:
        """Select the article (clearing the filter if it hides it); False if unknown."""
        row = self.model.row_of(article_id)
        if row is None:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            self.filter_box.clear()
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(proxy_index)
        self.view.scrollTo(proxy_index)
        return True

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _row_moving(self, article_id: int, done: bool) -> None:
        """Keep the article selected while a check moves its row (say, to the top)."""
        if not done:
            if article_id == self._last_emitted:
                self._moving = article_id
            return
        if self._moving == article_id:
            self._moving = None
            row = self.model.row_of(article_id)
            index = (
                QModelIndex() if row is None else self.proxy.mapFromSource(self.model.index(row, 0))
            )
            if index.isValid():  # still shown: a filter may hide it now
                self.view.setCurrentIndex(index)
            else:
                self._selection_changed(QItemSelection(), QItemSelection())

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._moving is not None:
            return  # it is selected again as soon as its row is back
        article_id = self.current_article_id()
        if article_id != self._last_emitted:
            self._last_emitted = article_id
            self.currentArticleChanged.emit(article_id)

    # -- sorting -----------------------------------------------------------------

    def order(self) -> SortOrder:
        return self.proxy.order

    def set_order(self, order: SortOrder) -> None:
        position = self.sort_box.findData(order.value)
        if position >= 0:
            self.sort_box.setCurrentIndex(position)

    def _sort_changed(self, position: int) -> None:
        self.proxy.set_order(SortOrder(self.sort_box.itemData(position)))
        current = self.view.currentIndex()
        if isinstance(current, QModelIndex) and current.isValid():
            self.view.scrollTo(current)
