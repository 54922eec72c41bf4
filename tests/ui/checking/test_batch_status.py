"""After a batch of checks the status bar says what happened, not "Checks finished"."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.checking.batch_status import BatchTally
from tests.support.pages import STORM, article_page


def tally(*checks: tuple[int, str, int | None]) -> str:
    batch = BatchTally()
    for article_id, outcome, version in checks:
        if version is not None:
            batch.version_added(article_id, version)
        batch.check_finished(article_id, outcome)
    return batch.text()


def test_the_sentence_for_each_kind_of_batch() -> None:
    assert tally((1, "unchanged", None), (2, "not_modified", None), (3, "unchanged", None)) == (
        "3 articles checked, no change"
    )
    assert tally((1, "unchanged", None)) == "1 article checked, no change"
    assert tally((1, "new_version", 4), (2, "http_error", None), (3, "unchanged", None)) == (
        "3 articles checked: 1 changed, 1 failed"
    )
    assert tally((1, "new_version", 1), (2, "new_version", 3)) == (
        "2 articles checked: 1 changed, 1 captured for the first time"
    )
    assert tally((1, "timeout", None), (2, "cancelled", None)) == (
        "1 article checked: 1 failed; 1 check cancelled"
    )
    assert tally((1, "cancelled", None)) == "Checks cancelled"
    assert tally((1, "import_new_version", 1)) == "Nothing to check"


def test_one_unchanged_check_says_why_its_changed_page_made_no_version() -> None:
    why = "the page changed around the story; its text is version 2's"
    batch = BatchTally()
    batch.check_finished(1, "unchanged", why)
    assert batch.text() == f"1 article checked, no change: {why}"
    # Of several articles, one reason would read as everyone's: the count alone.
    batch.check_finished(2, "unchanged", "")
    assert batch.text() == "2 articles checked, no change"


def serve(httpserver: HTTPServer, path: str, paragraphs: tuple[str, ...]) -> str:
    httpserver.expect_request(path).respond_with_data(
        article_page(paragraphs=paragraphs), content_type="text/html; charset=utf-8"
    )
    return httpserver.url_for(path)


def test_the_window_reports_each_batch(
    qtbot: QtBot, store: VersionStore, settings: QSettings, httpserver: HTTPServer
) -> None:
    urls = [serve(httpserver, f"/a{number}", STORM) for number in range(3)]
    for url in urls:
        now = utc_now()
        store.add_article(url, initial_state(SchedulePolicy(), now), now)
    window = MainWindow(store, settings)  # all are due: the checker starts at once
    qtbot.addWidget(window)
    status = window.statusBar()
    qtbot.waitUntil(
        lambda: status.currentMessage() == "3 articles checked: 3 captured for the first time",
        timeout=30_000,
    )

    window.check_all()
    qtbot.waitUntil(
        lambda: status.currentMessage() == "3 articles checked, no change", timeout=30_000
    )

    # One article checked by hand whose page changed around the story: the status
    # bar says why no version was stored.
    httpserver.clear()
    for number in range(3):
        httpserver.expect_request(f"/a{number}").respond_with_data(
            article_page(ad_slot="Advertisement: Garden chairs"),
            content_type="text/html; charset=utf-8",
        )
    (first,) = [a for a in store.list_articles() if a.url == urls[0]]
    window.article_commands.check_one(first.id)
    qtbot.waitUntil(
        lambda: (
            status.currentMessage()
            == "1 article checked, no change: the page changed around the story; "
            "its text is version 1's"
        ),
        timeout=30_000,
    )

    httpserver.clear()
    serve(httpserver, "/a0", STORM)
    serve(httpserver, "/a1", (*STORM[:-1], "The coastguard said a ferry was also damaged."))
    httpserver.expect_request("/a2").respond_with_data("gone", status=404)
    window.check_all()
    qtbot.waitUntil(
        lambda: status.currentMessage() == "3 articles checked: 1 changed, 1 failed",
        timeout=30_000,
    )
