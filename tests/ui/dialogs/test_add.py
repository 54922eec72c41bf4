"""The Add dialog checks an address before anything is tracked (issue 13, finding 3).

A local server plays the site; every test counts what it was asked.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.dialogs.articles import AddArticleDialog
from tests.support.pages import STORM_TITLE, article_page
from tests.support.server_log import requests_for

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SHOTS = Path("/tmp/newsdiff-add-dialog")


@pytest.fixture
def window(qtbot: QtBot, store: VersionStore, settings: QSettings) -> Iterator[MainWindow]:
    opened = MainWindow(store, settings)
    qtbot.addWidget(opened)
    yield opened
    opened.close()


def start_adding(window: MainWindow, qtbot: QtBot, url: str) -> AddArticleDialog:
    dialog = window.add_article()
    dialog.url_edit.setText(url)
    assert ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    return dialog


def ok_button(dialog: AddArticleDialog) -> QPushButton:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def answered(qtbot: QtBot, dialog: AddArticleDialog) -> None:
    """The check ended (or the dialog closed at once without checking)."""
    qtbot.waitUntil(
        lambda: not dialog.isVisible() or not dialog.message.text().startswith("Checking"),
        timeout=20_000,
    )


def snapshot(dialog: AddArticleDialog, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / f"{name}.png"))


def test_a_404_is_explained_and_tracked_only_with_track_anyway(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/2026/03/tomorrow").respond_with_data("Not here", status=404)
    url = httpserver.url_for("/2026/03/tomorrow")
    dialog = start_adding(window, qtbot, url)
    assert dialog.busy.isVisible() and "Checking" in dialog.message.text()
    snapshot(dialog, "checking")
    answered(qtbot, dialog)
    assert dialog.isVisible()  # not closed as a success
    assert "HTTP 404 Not Found" in dialog.message.text()
    assert dialog.track_anyway.isVisible()
    snapshot(dialog, "404")
    assert store.list_articles() == []  # nothing tracked while the user reads

    qtbot.mouseClick(dialog.track_anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.model.items()) == 1, timeout=10_000)
    (article,) = store.list_articles()
    assert article.url == url and article.version_count == 0
    # The check the dialog made is the article's first check: no second request.
    qtbot.waitUntil(lambda: store.get_article(article.id).last_error is not None)
    assert store.get_article(article.id).last_error == "HTTP 404 Not Found"
    assert len(store.checks.of_article(article.id)) == 1
    assert requests_for(httpserver, url) == 1


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (PDF, "application/pdf", "Not an HTML page (application/pdf)"),
        (PDF, "text/html", "Not an HTML page (a PDF document, sent as text/html)"),
        (b'{"story": 1}', "application/json", "Not an HTML page (application/json)"),
        (
            b"<html><body><nav><a href='/a'>Home</a></nav></body></html>",
            "text/html",
            "no article",
        ),
    ],
    ids=["pdf", "pdf-sent-as-html", "json", "no-article"],
)
def test_a_page_that_is_not_an_article_is_explained_without_track_anyway(
    qtbot: QtBot,
    store: VersionStore,
    httpserver: HTTPServer,
    body: bytes,
    content_type: str,
    expected: str,
) -> None:
    httpserver.expect_request("/thing").respond_with_data(body, content_type=content_type)
    dialog = AddArticleDialog(store.find_article)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url_edit.setText(httpserver.url_for("/thing"))
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    answered(qtbot, dialog)
    assert dialog.isVisible()  # not closed as a success
    text = dialog.message.text()
    assert "not an article" in text and expected.casefold() in text.casefold()
    assert "Nothing was added" in text
    assert not dialog.track_anyway.isVisible()
    if content_type == "application/pdf":
        snapshot(dialog, "pdf")
    dialog.reject()
    assert store.list_articles() == []


def test_a_good_article_closes_the_dialog_with_version_1_from_one_request(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/storm").respond_with_data(
        article_page(), content_type="text/html; charset=utf-8"
    )
    dialog = start_adding(window, qtbot, httpserver.url_for("/storm"))
    closed = []
    dialog.finished.connect(closed.append)
    qtbot.waitUntil(lambda: bool(closed), timeout=20_000)
    assert closed == [AddArticleDialog.DialogCode.Accepted]

    def stored() -> bool:
        items = window.model.items()
        return len(items) == 1 and items[0].version_count == 1

    qtbot.waitUntil(stored, timeout=10_000)
    # The test's own connection to the store may read a moment after the window's.
    qtbot.waitUntil(lambda: [a.version_count for a in store.list_articles()] == [1])
    (article,) = store.list_articles()
    assert store.get_version(article.id, 1).document.title == STORM_TITLE
    qtbot.waitUntil(lambda: bool(store.checks.of_article(article.id)))
    assert [c.outcome for c in store.checks.of_article(article.id)] == ["new_version"]
    assert requests_for(httpserver, "/storm") == 1  # the dialog's fetch became version 1
    assert window.sidebar.current_article_id() == article.id


def test_cancel_while_checking_tracks_nothing(
    qtbot: QtBot, window: MainWindow, store: VersionStore, httpserver: HTTPServer
) -> None:
    release = threading.Event()
    reached = threading.Event()

    def slow(_request: Request) -> Response:
        reached.set()
        release.wait(10)
        return Response(article_page(), content_type="text/html; charset=utf-8")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    dialog = start_adding(window, qtbot, httpserver.url_for("/slow"))
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    assert dialog.checking()
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    assert window.address_checker.wait(10_000)
    qtbot.wait(200)  # any late answer would have been delivered by now
    assert store.list_articles() == []
    assert window.model.items() == []
