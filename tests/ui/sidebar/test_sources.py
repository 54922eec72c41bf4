"""The sidebar's Sources section: follow with a preview, filter, pause, unfollow (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.discovery.poll import SourcePoller
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.sidebar import lister as lister_module
from newsdiff_gui.ui.sources.follow_dialog import FollowSourceDialog
from tests.support.news_site import rss, stories


@pytest.fixture
def window(qtbot: QtBot, store: VersionStore, settings: QSettings) -> Iterator[MainWindow]:
    opened = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(opened)
    yield opened
    opened.close()


def serve_feed(httpserver: HTTPServer, path: str, count: int, start: int = 0) -> str:
    root = httpserver.url_for("").rstrip("/")
    body = rss(root, stories(count, start=start))
    httpserver.expect_request(path).respond_with_data(body, content_type="application/rss+xml")
    return httpserver.url_for(path)


def previewed(qtbot: QtBot, dialog: FollowSourceDialog) -> None:
    qtbot.waitUntil(
        lambda: dialog.preview is not None or "HTTP" in dialog.status.text(), timeout=15_000
    )


def shown_rows(window: MainWindow) -> int:
    return int(window.sidebar.proxy.rowCount())


def test_follow_previews_filters_live_and_tracks_what_it_showed(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    dialog = window.source_commands.follow(serve_feed(httpserver, "/rss", 12))
    previewed(qtbot, dialog)
    assert dialog.found.count() == 12 and "12 of 12 articles" in dialog.status.text()
    assert store.sources.all() == []  # a preview stores nothing

    dialog.filter_box.setText("ferry|court")
    assert dialog.found.count() == 4  # applied as typed, no new fetch
    assert "regular expression 'ferry|court'" in dialog.status.text()
    dialog.filter_box.setText("ferry")
    assert "substring 'ferry'" in dialog.status.text() and dialog.found.count() == 2

    requests_before = len(httpserver.log)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.follow_button, Qt.MouseButton.LeftButton)
    assert len(httpserver.log) == requests_before  # followed from the preview's fetch
    (source,) = store.sources.all()
    assert source.url_filter == "ferry" and source.article_count == 2
    qtbot.waitUntil(lambda: len(window.model.items()) == 2, timeout=5_000)
    assert window.source_commands.panel.chosen_source_id() == source.id


def test_choosing_a_source_filters_the_article_list(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    with Fetcher() as fetcher:
        poller = SourcePoller(store, fetcher)
        one, _ = poller.follow(serve_feed(httpserver, "/one", 3))
        two, _ = poller.follow(serve_feed(httpserver, "/two", 2, start=20))
    CaptureService(store).track("https://courier.example/by/hand-tracked-story-here")
    window.reload_articles()
    window.source_commands.reload()
    panel = window.source_commands.panel
    assert panel.list.count() == 3  # "All articles" and the two sources
    assert shown_rows(window) == 6
    panel.choose(two.id)
    assert shown_rows(window) == 2
    panel.choose(one.id)
    assert shown_rows(window) == 3
    panel.choose(None)
    assert shown_rows(window) == 6


def test_pause_and_resume(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    with Fetcher() as fetcher:
        source, _ = SourcePoller(store, fetcher).follow(serve_feed(httpserver, "/rss", 1))
    window.source_commands.reload()
    panel = window.source_commands.panel
    panel.choose(source.id)
    assert panel.pause_action.text() == "Pause"
    panel.pause_action.trigger()
    paused = store.sources.get(source.id)
    assert not paused.active and paused.schedule.next_check_at is None
    assert "(paused)" in panel.list.currentItem().text()
    assert panel.pause_action.text() == "Resume"
    panel.pause_action.trigger()
    resumed = store.sources.get(source.id)
    assert resumed.active and resumed.schedule.next_check_at is not None


@pytest.mark.parametrize("purge", [False, True])
def test_unfollow_asks_with_the_numbers_and_does_what_was_chosen(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer, purge: bool
) -> None:
    with Fetcher() as fetcher:
        poller = SourcePoller(store, fetcher)
        one, _ = poller.follow(serve_feed(httpserver, "/one", 5))
        poller.follow(serve_feed(httpserver, "/two", 2))  # shares two stories with /one
    window.reload_articles()
    window.source_commands.reload()
    box = window.source_commands.ask_remove(one.id)
    assert box is not None
    assert "It found 5 articles. 2 of them are tracked by hand or also found by another" in (
        box.text()
    )
    labels = {b.text(): b for b in box.findChildren(QPushButton)}
    assert "Unfollow and delete 3 articles" in labels
    wanted = "Unfollow and delete 3 articles" if purge else "Unfollow, keep its articles"
    qtbot.mouseClick(labels[wanted], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.sources.find(one.url) is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.source_commands.panel.list.count() == 2, timeout=10_000)
    assert len(store.list_articles()) == (2 if purge else 5)
    assert len(window.model.items()) == (2 if purge else 5)


def test_cancel_leaves_the_source(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    with Fetcher() as fetcher:
        source, _ = SourcePoller(store, fetcher).follow(serve_feed(httpserver, "/rss", 2))
    box = window.source_commands.ask_remove(source.id)
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert store.sources.get(source.id).article_count == 2


def test_a_bad_address_is_explained_in_the_dialog(
    qtbot: QtBot, window: MainWindow, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    dialog = window.source_commands.follow(httpserver.url_for("/gone"))
    previewed(qtbot, dialog)
    assert "HTTP 404 Not Found" in dialog.status.text()
    assert not dialog.follow_button.isEnabled()
    dialog.reject()


def test_the_background_checker_polls_due_sources_and_lists_what_they_add(
    qtbot: QtBot, store: VersionStore, settings: QSettings, httpserver: HTTPServer
) -> None:
    root = httpserver.url_for("").rstrip("/")
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(root, stories(1)), "200")
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(root, stories(3)), "200")
    long_ago = datetime.now(UTC) - timedelta(days=1)
    with Fetcher() as fetcher:
        source, _ = SourcePoller(store, fetcher, clock=lambda: long_ago).follow(
            httpserver.url_for("/rss")
        )
    window = MainWindow(store, settings, due_interval_ms=3_600_000)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: len(window.model.items()) == 3, timeout=20_000)
        assert store.sources.get(source.id).article_count == 3
    finally:
        window.close()


def test_hundreds_of_polled_articles_are_listed_a_slice_per_turn(
    qtbot: QtBot,
    window: MainWindow,
    store: VersionStore,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No time left in any turn: one step of articles per turn, whatever the machine.
    monkeypatch.setattr("newsdiff_gui.ui.sidebar.lister._LIST_BUDGET", 0.0)
    with Fetcher() as fetcher:
        _, report = SourcePoller(store, fetcher).follow(serve_feed(httpserver, "/rss", 250))
    commands = window.source_commands
    listed_after_turn: list[int] = []  # connected after the lister's own slot: runs after it
    window.new_articles._timer.timeout.connect(
        lambda: listed_after_turn.append(window.model.rowCount())
    )
    commands.sources_polled(list(report.added))
    assert len(window.model.items()) == 0  # nothing read on the caller's turn
    qtbot.waitUntil(lambda: len(window.model.items()) == 250, timeout=10_000)
    step = lister_module._LIST_STEP
    assert len(listed_after_turn) == -(-250 // step)  # one slice per turn
    slices = [b - a for a, b in zip([0, *listed_after_turn], listed_after_turn, strict=False)]
    assert all(0 < size <= step for size in slices)
    assert "250 new articles to watch" in window.statusBar().currentMessage()
    commands.sources_polled(list(report.added))  # listed already: not twice
    qtbot.waitUntil(lambda: not window.new_articles._timer.isActive(), timeout=5_000)
    assert len(window.model.items()) == 250
