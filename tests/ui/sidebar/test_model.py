"""The sidebar model: Qt's model checks, what each row says, sorting and filtering."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.sidebar.delegate import _meta_line, wrap_two_lines
from newsdiff_gui.ui.sidebar.model import (
    ArticleFilterProxy,
    ArticleItem,
    ArticleListModel,
    ArticleRole,
    SortOrder,
    outlet_domain,
    relative_time,
)
from newsdiff_gui.ui.sidebar.panel import Sidebar

NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)


def item(article_id: int, title: str, minutes_ago: float | None, **fields: object) -> ArticleItem:
    values: dict[str, object] = {
        "id": article_id,
        "url": f"https://www.outlet{article_id}.example/story",
        "title": title,
        "domain": f"outlet{article_id}.example",
        "version_count": 2,
        "last_changed_at": None if minutes_ago is None else NOW - timedelta(minutes=minutes_ago),
        "unread_changes": 0,
        "last_error": None,
        "active": True,
        "stopped_reason": None,
    }
    values.update(fields)
    return ArticleItem(**values)  # type: ignore[arg-type]


ITEMS = [
    item(1, "Zebra crossing repainted", 30),
    item(2, "Alpine pass closed by snow", 5, unread_changes=2),
    item(3, "Mayor resigns", 600, last_error="the server did not answer"),
    item(4, "Harbour reopens", None, version_count=0),
]


def proxy_ids(proxy: ArticleFilterProxy) -> list[int]:
    return [proxy.index(row, 0).data(ArticleRole.ID) for row in range(proxy.rowCount())]


def test_model_passes_qt_model_checks(qtmodeltester: ModelTester) -> None:
    model = ArticleListModel()
    model.set_items(ITEMS)
    qtmodeltester.check(model, force_py=True)
    model.update_item(item(5, "New one", 1))
    model.remove_item(1)
    model.set_checking(2, True)
    qtmodeltester.check(model, force_py=True)


def test_proxy_passes_qt_model_checks(qtmodeltester: ModelTester) -> None:
    model = ArticleListModel()
    model.set_items(ITEMS)
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    proxy.set_filter_text("o")
    qtmodeltester.check(proxy, force_py=True)


def test_rows_show_title_outlet_and_state() -> None:
    model = ArticleListModel()
    model.set_items(ITEMS)
    index = model.index(model.row_of(2), 0)  # type: ignore[arg-type]
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Alpine pass closed by snow"
    assert index.data(ArticleRole.UNREAD) == 2
    assert "2 unread changes" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    failed = model.index(model.row_of(3), 0).data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[arg-type]
    assert "Last check failed: the server did not answer" in failed
    model.set_checking(3, True)
    assert model.item(3).checking  # type: ignore[union-attr]
    assert "Checking now" in model.index(model.row_of(3), 0).data(Qt.ItemDataRole.ToolTipRole)  # type: ignore[arg-type]
    model.set_checking(3, False)
    assert not model.item(3).checking  # type: ignore[union-attr]
    # Checking state survives a refresh of the row from the store.
    model.set_checking(1, True)
    model.update_item(item(1, "Zebra crossing repainted again", 1))
    assert model.item(1).checking  # type: ignore[union-attr]
    stopped = item(9, "Old", 10, active=False, stopped_reason="untracked")
    assert "No longer checked (you stopped tracking it)" in stopped.tooltip()
    suspect = item(9, "Old", 10, suspect_reason="text shrank")
    assert "Suspect extraction: text shrank" in suspect.tooltip()


def test_meta_line_and_relative_times() -> None:
    assert relative_time(NOW - timedelta(seconds=20), NOW) == "just now"
    assert relative_time(NOW - timedelta(minutes=12), NOW) == "12 min ago"
    assert relative_time(NOW - timedelta(hours=3, minutes=5), NOW) == "3 h ago"
    assert relative_time(NOW - timedelta(days=1, hours=2), NOW) == "yesterday"
    assert relative_time(NOW - timedelta(days=4), NOW) == "4 days ago"
    assert relative_time(None, NOW) == "never"
    assert outlet_domain("https://www.harbour.example/x") == "harbour.example"
    assert _meta_line(ITEMS[3]) == "outlet4.example · 0 versions · not captured yet"
    assert _meta_line(ITEMS[0]).startswith("outlet1.example · 2 versions · changed ")


def test_sort_by_last_change_then_title() -> None:
    model = ArticleListModel()
    model.set_items(ITEMS)
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    # Never captured first (just added), then newest change first.
    assert proxy_ids(proxy) == [4, 2, 1, 3]
    proxy.set_order(SortOrder.TITLE)
    assert proxy_ids(proxy) == [2, 4, 3, 1]
    # Live updates keep the order.
    model.update_item(item(3, "Mayor resigns", 0.5))
    proxy.set_order(SortOrder.LAST_CHANGE)
    assert proxy_ids(proxy) == [4, 3, 2, 1]


def test_filter_matches_title_outlet_and_url_words() -> None:
    model = ArticleListModel()
    model.set_items(ITEMS)
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    proxy.set_filter_text("SNOW")
    assert proxy_ids(proxy) == [2]
    proxy.set_filter_text("outlet3")
    assert proxy_ids(proxy) == [3]
    proxy.set_filter_text("harbour reopens")
    assert proxy_ids(proxy) == [4]
    proxy.set_filter_text("nothing like this")
    assert proxy_ids(proxy) == []
    proxy.set_filter_text("")
    assert len(proxy_ids(proxy)) == 4


def test_sidebar_selects_and_paints(qtbot: QtBot, store: VersionStore) -> None:
    model = ArticleListModel()
    model.set_items(ITEMS)
    sidebar = Sidebar(model)
    qtbot.addWidget(sidebar)
    sidebar.resize(320, 500)
    with qtbot.waitSignal(sidebar.currentArticleChanged) as blocker:
        assert sidebar.select_article(3)
    assert blocker.args == [3]
    assert sidebar.current_article_id() == 3
    # Selecting an article hidden by the filter clears the filter.
    sidebar.filter_box.setText("snow")
    assert sidebar.select_article(1)
    assert sidebar.filter_box.text() == ""
    assert not sidebar.select_article(99)
    with qtbot.waitSignal(sidebar.currentArticleChanged) as cleared:
        sidebar.view.clearSelection()
    assert cleared.args == [None] and sidebar.current_article_id() is None
    assert model.item(None) is None and model.row_of(99) is None
    pixmap = QPixmap(sidebar.size())
    sidebar.render(pixmap)  # the delegate paints every state without errors
    assert sidebar.select_article(2)  # unread badge on a selected row
    sidebar.render(pixmap)
    assert not pixmap.isNull()


def test_two_line_title_wrap(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    metrics = QFontMetrics(QFont())
    lines = wrap_two_lines("word " * 60, metrics, 150)
    assert len(lines) == 2
    assert lines[1].endswith("…")
    assert wrap_two_lines("Short", metrics, 150) == ["Short"]
