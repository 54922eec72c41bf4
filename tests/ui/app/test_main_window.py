"""The main window over a stored history: selection, diff panes, navigation, settings."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.app import main
from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.sidebar.model import ArticleRole, SortOrder


def open_window(
    qtbot: QtBot, store: VersionStore, settings: QSettings, resize: bool = True
) -> MainWindow:
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    if resize:
        window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_for_diff(qtbot: QtBot, window: MainWindow) -> None:
    diff = window.detail.diff
    qtbot.waitUntil(lambda: diff.diff is not None and not diff.is_busy(), timeout=5000)
    assert diff.alignment_done()


def test_newcomer_sees_the_welcome_page(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    window = open_window(qtbot, store, settings)
    assert window.detail.currentWidget() is window.detail.welcome
    assert not window.timeline.isVisible()
    assert not window.commands.check_selected.isEnabled()


def test_selecting_a_changed_article_shows_aligned_rows(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = open_window(qtbot, store, settings)
    assert window.model.rowCount() == 3
    assert window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    view = window.detail.diff
    assert window.detail.currentWidget() is window.detail.diff_page
    diff = view.diff
    assert diff is not None
    kinds = {row.kind for row in diff.rows}
    assert {ChangeKind.EDITED, ChangeKind.ADDED, ChangeKind.MOVED} <= kinds
    assert "headline changed" in view.summary.text()
    assert "1 added" in view.summary.text()
    # Both sides start every row at the same height, and end together.
    for row in range(len(view.rows)):
        assert view.old_pane.measured_row_top(row) == pytest.approx(view.old_pane.row_top(row))
        assert view.new_pane.measured_row_top(row) == pytest.approx(view.new_pane.row_top(row))
        assert view.old_pane.row_top(row) == pytest.approx(view.new_pane.row_top(row))
    old_height = view.old_pane.document().size().height()
    assert old_height == pytest.approx(view.new_pane.document().size().height())
    # Each side copies on its own: the new pane has the added paragraph, the old one not.
    assert "two fishermen" in view.new_pane.toPlainText()
    assert "two fishermen" not in view.old_pane.toPlainText()
    # Viewing the article marks it read.
    assert window.model.item(history["storm"]).unread_changes == 0  # type: ignore[union-attr]


def test_navigation_visits_every_change_in_order_and_panes_scroll_together(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = open_window(qtbot, store, settings)
    window.resize(1100, 420)  # short, so the diff scrolls
    window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    view = window.detail.diff
    visited = []
    while view.next_change():
        visited.append(view.current)
    assert visited == view.change_rows()
    assert visited and all(view.rows[row].is_change for row in visited)
    assert view.previous_change()
    assert view.current == visited[-2]
    old_bar, new_bar = view.old_pane.verticalScrollBar(), view.new_pane.verticalScrollBar()
    assert new_bar.maximum() > 0
    new_bar.setValue(new_bar.maximum() // 2)
    assert old_bar.value() == new_bar.value()
    old_bar.setValue(3)
    assert new_bar.value() == 3


def test_moved_marker_jumps_to_the_old_place(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = open_window(qtbot, store, settings)
    window.sidebar.select_article(history["storm"])
    wait_for_diff(qtbot, window)
    view = window.detail.diff
    marks = view.old_pane.moved_marks
    assert len(marks) == 1
    view.new_pane.gutterClicked.emit(marks[0].moved_row)
    assert view.current == marks[0].after
    view.old_pane.movedMarkClicked.emit(marks[0].moved_row)
    assert view.current == marks[0].moved_row


def test_single_version_shows_its_text(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = open_window(qtbot, store, settings)
    window.sidebar.select_article(history["bakery"])
    assert window.detail.currentWidget() is window.detail.text
    text = window.detail.text.toPlainText()
    assert "Local bakery wins national award" in text
    assert "rye loaf" in text
    assert window.timeline.list.count() == 1


def test_timeline_lists_versions_newest_first_and_compares_any_two(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = open_window(qtbot, store, settings)
    window.sidebar.select_article(history["ferry"])
    assert window.timeline.selected() == (1, 2)
    assert window.timeline.list.count() == 2
    qtbot.waitUntil(window.timeline.compared, timeout=10_000)
    entries = window.timeline.entries
    assert [entry.number for entry in entries] == [1, 2]
    # The second paragraph was edited in place, the third removed.
    assert entries[1].change_text() == "1 paragraph edited, 1 removed"
    with qtbot.waitSignal(window.timeline.comparisonChanged) as blocker:
        window.timeline.select_version(1)
    assert blocker.args == [0, 1]
    assert window.detail.currentWidget() is window.detail.text


def test_settings_persist_across_a_restart(
    qtbot: QtBot,
    store: VersionStore,
    settings_path: Path,
    history: dict[str, int],
) -> None:
    first = open_window(qtbot, store, QSettings(str(settings_path), QSettings.Format.IniFormat))
    # Within the offscreen screen (800×600): restoreGeometry keeps windows on screen.
    first.resize(761, 543)
    first.sidebar.select_article(history["ferry"])
    first.sidebar.set_order(SortOrder.TITLE)
    first.commands.show_legend.setChecked(False)
    first.splitter.setSizes([200, 150, 400])
    sizes = first.splitter.sizes()
    first.close()

    second = open_window(
        qtbot, store, QSettings(str(settings_path), QSettings.Format.IniFormat), resize=False
    )
    assert second.sidebar.current_article_id() == history["ferry"]
    assert second.sidebar.order() is SortOrder.TITLE
    assert not second.commands.show_legend.isChecked()
    assert second.splitter.sizes() == sizes
    assert (second.width(), second.height()) == (761, 543)
    proxy = second.sidebar.proxy
    titles = [proxy.index(r, 0).data(ArticleRole.ITEM).shown_title for r in range(3)]
    assert titles == sorted(titles, key=str.casefold)


def test_article_text_is_never_html(
    qtbot: QtBot, store: VersionStore, settings: QSettings, httpserver: object
) -> None:
    from newsdiff_gui.core.document import Document
    from tests.ui.history import T0, add

    server = httpserver  # pytest-httpserver: any request to it would be recorded
    url = server.url_for("/x")  # type: ignore[attr-defined]
    hostile = f'Officials said <img src="{url}"> <b>nothing</b> &amp; more.'
    add(
        store,
        "https://evil.example/story",
        [Document("Title", ("Calm text.",)), Document("Title <i>x</i>", ("Calm text.", hostile))],
        T0,
    )
    window = open_window(qtbot, store, settings)
    window.sidebar.select_first()
    wait_for_diff(qtbot, window)
    qtbot.wait(50)
    assert hostile in window.detail.diff.new_pane.toPlainText()
    assert "Title <i>x</i>" in window.detail.diff.new_pane.toPlainText()
    assert server.log == []  # type: ignore[attr-defined]


def test_screenshot_renders_the_first_change_and_exits_zero(
    tmp_path: Path, store: VersionStore, history: dict[str, int]
) -> None:
    out = tmp_path / "shot.png"
    code = main(["--db", str(store.path), "--screenshot", str(out), "--size", "1000x700"])
    assert code == 0
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_open_demo_from_the_welcome_page(
    qtbot: QtBot, store: VersionStore, settings: QSettings
) -> None:
    from newsdiff_gui.core.demo import demo_files

    window = open_window(qtbot, store, settings)
    window.detail.welcome.demoRequested.emit()
    assert window.model.rowCount() == len(demo_files()) >= 3
    assert all(item.version_count >= 4 for item in window.model.items())
    # Fictional addresses are never due for a check.
    assert store.due_articles(datetime.now(UTC) + timedelta(days=365)) == []
    assert window.sidebar.current_article_id() >= 0
    assert window.timeline.isVisible()


def test_demo_history_shows_every_change_kind(store: VersionStore) -> None:
    from newsdiff_gui.core.align import align
    from newsdiff_gui.core.demo import load_demo

    kinds: set[ChangeKind] = set()
    titles_changed = 0
    for article_id in load_demo(store):
        versions = store.list_versions(article_id)
        assert 4 <= len(versions) <= 8
        for old, new in itertools.pairwise(versions):
            diff = align(old.document, new.document)
            kinds |= {row.kind for row in diff.rows}
            titles_changed += diff.title.kind is not ChangeKind.UNCHANGED
    assert kinds == set(ChangeKind)
    assert titles_changed >= 3
    assert load_demo(store) == []  # loading twice adds nothing


def test_screenshot_of_the_demo_leaves_unread_badges(tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    out = tmp_path / "demo.png"
    assert main(["--db", str(database), "--demo", "--screenshot", str(out)]) == 0
    assert out.stat().st_size > 10_000
    with VersionStore.open(database) as reopened:
        assert all(a.unread_changes for a in reopened.list_articles())


def test_no_selection_is_saved_as_none_and_an_older_minus_one_still_reads(
    qtbot: QtBot, store: VersionStore, settings_path: Path, history: dict[str, int]
) -> None:
    first = open_window(qtbot, store, QSettings(str(settings_path), QSettings.Format.IniFormat))
    first.sidebar.view.clearSelection()
    assert first.sidebar.current_article_id() is None
    assert not first.commands.remove.isEnabled()
    first.close()
    saved = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert saved.value("selection/article") is None  # not a -1 standing for "none"
    # A settings file written by an older version says "none" with -1: the first article.
    saved.setValue("selection/article", -1)
    saved.sync()
    second = open_window(
        qtbot, store, QSettings(str(settings_path), QSettings.Format.IniFormat), resize=False
    )
    proxy = second.sidebar.proxy
    assert second.sidebar.current_article_id() == proxy.index(0, 0).data(ArticleRole.ID)


def test_article_commands_follow_the_selection(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    from PySide6.QtGui import QGuiApplication

    window = open_window(qtbot, store, settings)
    window.sidebar.select_article(history["ferry"])
    assert window.commands.copy_url.isEnabled() and window.commands.remove.isEnabled()
    assert window.commands.check_selected in window.sidebar.view.actions()
    window.copy_selected_url()
    assert QGuiApplication.clipboard().text() == "https://island-times.example/ferry-timetable"


def test_dropped_files_import_only_web_pages(tmp_path: Path) -> None:
    from PySide6.QtCore import QUrl

    from newsdiff_gui.ui.dialogs.articles import dropped_pages

    urls = [
        QUrl.fromLocalFile(str(tmp_path / "story.HTML")),
        QUrl.fromLocalFile(str(tmp_path / "notes.txt")),
        QUrl("https://example.org/page.html"),
        QUrl.fromLocalFile(str(tmp_path / "saved.html.gz")),  # read gunzipped, as everywhere
    ]
    assert dropped_pages(urls) == [tmp_path / "story.HTML", tmp_path / "saved.html.gz"]
