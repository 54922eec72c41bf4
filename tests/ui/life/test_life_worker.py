"""The background checker finds a story gone: the timeline marks it and it is announced."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from newsdiff_gui.core.lifecycle import EventKind
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.sidebar.delegate import _meta_line
from tests.support.pages import article_page


def test_a_story_gone_during_a_background_check_is_marked_and_announced(
    qtbot: QtBot, store: VersionStore, settings: QSettings, httpserver: Any
) -> None:
    status = {"code": 200}

    def answer(_request: Request) -> Response:
        return Response(article_page(), status=status["code"], content_type="text/html")

    httpserver.expect_request("/news/storm").respond_with_handler(answer)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.checker.track(httpserver.url_for("/news/storm"))

    def captured() -> bool:
        items = window.model.items()
        return len(items) == 1 and items[0].version_count == 1 and not items[0].checking

    qtbot.waitUntil(captured, timeout=15000)
    article_id = window.model.items()[0].id
    assert window.sidebar.current_article_id() == article_id
    status["code"] = 410
    with qtbot.waitSignal(window.notifier.alerted, timeout=15000) as alert:
        window.checker.check([article_id])
    assert alert.args == [article_id, "gone"]
    (entry,) = window.timeline.entries
    assert [event.kind for event in entry.events] == [EventKind.GONE]
    assert "✕ Gone" in entry.label()

    def listed_gone() -> bool:
        item = window.model.item(article_id)
        return item is not None and item.gone and not item.checking

    qtbot.waitUntil(listed_gone, timeout=5000)  # the article list says it in words
    item = window.model.item(article_id)
    assert item is not None
    assert _meta_line(item).startswith("✕ gone") and "Gone:" in item.tooltip()
    window.close()
