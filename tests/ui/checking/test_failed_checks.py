"""Failed checks are seen where the user looks (issue 13, findings 2 and 3).

The selected article's pane and the status bar answer at once; a check that
newly fails on another article is announced; an article that never worked is
marked in the sidebar and can be removed with the others like it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Article, VersionStore
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.sidebar.delegate import _meta_line, _state_icons
from tests.support.pages import article_page

SHOTS = Path("/tmp/newsdiff-failed-checks")


def track(store: VersionStore, url: str) -> Article:
    now = utc_now()
    return store.add_article(url, initial_state(SchedulePolicy(), now), now)


def never_worked(store: VersionStore, url: str, error: str = "HTTP 404 Not Found") -> int:
    article = track(store, url)
    store.checks.record(
        article.id, started_at=utc_now(), duration=0.1, outcome="http_error", error=error
    )
    return article.id


def status_text(window: MainWindow) -> str:
    """Everything the status bar shows: its message and its visible labels."""
    bar = window.statusBar()
    labels = [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]
    return "\n".join([bar.currentMessage(), *labels])


@pytest.fixture
def window(qtbot: QtBot, store: VersionStore, settings: QSettings) -> Iterator[MainWindow]:
    opened = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(opened)
    opened.show()
    yield opened
    opened.close()


def test_failed_first_check_of_the_selected_article_shows_in_pane_and_status_bar(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    second_may_answer = threading.Event()
    calls: list[int] = []

    def gone(_request: Request) -> Response:
        calls.append(1)
        if len(calls) > 1:  # the user's "Check now": held until the pane was seen
            second_may_answer.wait(10)
        return Response("no", status=404)

    httpserver.expect_request("/gone").respond_with_handler(gone)
    article = track(store, httpserver.url_for("/gone"))
    window.reload_articles()
    window.sidebar.select_article(article.id)
    assert "on its way" in window.detail.state.body.text()
    window.checker.start()  # the article is due: checked at once

    qtbot.waitUntil(lambda: "HTTP 404" in window.detail.state.body.text(), timeout=15_000)
    body = window.detail.state.body.text()
    assert "on its way" not in body
    assert "The last check failed: HTTP 404 Not Found (" in body and "Next try at" in body
    assert window.detail.state.button.isVisible()  # "Check now"
    # In the status bar too, and still there once the batch's closing message is shown.
    qtbot.waitUntil(lambda: window.progress_label.text() == "", timeout=5000)
    qtbot.wait(50)
    assert "HTTP 404 Not Found" in status_text(window)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "selected-failed.png"))

    # "Check now" answers in the pane at once.
    window.detail.state.button.click()
    qtbot.waitUntil(lambda: "Checking now" in window.detail.state.body.text(), timeout=5000)
    second_may_answer.set()
    qtbot.waitUntil(lambda: "HTTP 404" in window.detail.state.body.text(), timeout=15_000)


class FakeTray:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, body: str, *_args: object) -> None:  # noqa: N802
        self.messages.append((title, body))

    def hide(self) -> None:
        pass


@pytest.mark.parametrize("tray", [True, False], ids=["tray", "no-tray"])
def test_a_check_failing_on_another_article_is_announced(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer, tray: bool
) -> None:
    httpserver.expect_request("/fine").respond_with_data(
        article_page(), content_type="text/html; charset=utf-8"
    )
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    fine = track(store, httpserver.url_for("/fine"))
    broken = track(store, httpserver.url_for("/broken"))
    fake = FakeTray()
    if tray:
        window.notifier.tray = fake  # type: ignore[assignment]
    window.reload_articles()
    window.sidebar.select_article(fine.id)
    window.checker.start()
    qtbot.waitUntil(lambda: store.get_article(broken.id).last_error is not None, timeout=15_000)
    expected = "HTTP 500 Internal Server Error"
    if tray:
        qtbot.waitUntil(lambda: bool(fake.messages), timeout=5000)
        ((title, body),) = fake.messages
        assert title == f"Check failed: {httpserver.url_for('/broken')}"
        assert body == expected
    else:
        qtbot.waitUntil(lambda: expected in status_text(window), timeout=5000)
        assert "Check failed" in status_text(window)


def test_an_article_that_never_worked_is_marked_and_removed_with_the_others(
    qtbot: QtBot, window: MainWindow, store: VersionStore, history: dict[str, int]
) -> None:
    dead = never_worked(store, "https://news.example/dead", "HTTP 404 Not Found")
    pdf = never_worked(store, "https://news.example/file.pdf", "Not an HTML page (application/pdf)")
    waiting = track(store, "https://news.example/new").id  # not checked yet: not marked
    window.reload_articles()
    item = window.model.item(dead)
    assert item is not None and item.never_worked
    assert _state_icons(item) == ["never"]
    assert "never captured" in _meta_line(item)
    assert "Never captured: every check failed (last: HTTP 404 Not Found)" in item.tooltip()
    fresh = window.model.item(waiting)
    assert fresh is not None and not fresh.never_worked and _state_icons(fresh) == []
    with_versions = {i.id: i.version_count for i in window.model.items() if i.version_count}
    assert with_versions
    SHOTS.mkdir(exist_ok=True)
    window.sidebar.grab().save(str(SHOTS / "sidebar-never-worked.png"))

    seen: list[str] = []

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(f"{box.text()}\n{box.informativeText()}")
        box.grab().save(str(SHOTS / "remove-never-worked.png"))
        ok = box.button(QMessageBox.StandardButton.Ok)
        assert ok is not None
        ok.click()

    window.checker.start()
    QTimer.singleShot(100, confirm)
    window.commands.remove_never_worked.trigger()
    assert seen and seen[0].startswith("Remove 2 articles that no check could ever capture?")
    assert "no version is ever deleted" in seen[0]
    qtbot.waitUntil(lambda: window.model.item(pdf) is None, timeout=10_000)
    qtbot.waitUntil(lambda: window.model.item(dead) is None, timeout=10_000)
    left = {a.id: a.version_count for a in store.list_articles()}
    assert dead not in left and pdf not in left
    assert waiting in left
    for article_id, count in with_versions.items():
        assert left[article_id] == count


def test_removing_never_worked_keeps_an_article_that_got_a_version_meanwhile(
    qtbot: QtBot, window: MainWindow, store: VersionStore, history: dict[str, int]
) -> None:
    captured = next(a for a in store.list_articles() if a.version_count)
    window.checker.start()
    window.checker.remove_never_worked([captured.id])
    qtbot.wait(300)
    assert store.get_article(captured.id).version_count == captured.version_count
