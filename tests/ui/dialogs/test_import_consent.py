"""Importing a saved page contacts the live site only when the user ticks the box.

A local server stands in for the site and counts what it is asked; the app is
driven through its own Import dialog.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QDialogButtonBox
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import to_iso, utc_now
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.dialogs.articles import ImportDialog
from newsdiff_gui.ui.sidebar.delegate import _meta_line
from tests.support.pages import STORM, article_page

pytest.importorskip("newsdiff_gui.core.fetch")


def saved_copy(tmp_path: Path, url: str, name: str = "saved.html") -> Path:
    """A page saved from `url` a day ago, naming `url` as its canonical address."""
    path = tmp_path / name
    path.write_text(
        article_page().replace("<head>", f'<head><link rel="canonical" href="{url}">', 1),
        encoding="utf-8",
    )
    yesterday = (utc_now() - timedelta(days=1)).timestamp()
    os.utime(path, (yesterday, yesterday))
    return path


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    """The live article (changed since it was saved) and a second, tracked article."""
    later = article_page(paragraphs=(*STORM, "An update published later.")).encode()
    httpserver.expect_request("/storm").respond_with_data(later, content_type="text/html")
    other = article_page("Ferry timetable approved", ("The council voted on Monday.",))
    httpserver.expect_request("/ferry").respond_with_data(other.encode(), content_type="text/html")
    return httpserver


def requests_for(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _response in server.log if request.path == path)


def import_through_dialog(
    qtbot: QtBot, window: MainWindow, path: Path, tick: bool | None
) -> ImportDialog:
    """Open File → Import on `path`, set the live-page box (None: leave it), press Import."""
    shown: list[ImportDialog] = []

    def answer() -> None:
        dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
        dialog = dialogs[0]
        shown.append(dialog)
        try:
            qtbot.waitUntil(dialog.read, timeout=10_000)
            if tick is not None and dialog.check_live.isChecked() != tick:
                dialog.check_live.click()  # as the user does: the choice is remembered
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible():  # never leave the test waiting on a modal dialog
                dialog.reject()

    QTimer.singleShot(0, answer)
    window.import_file(path)
    assert shown, "the Import dialog was not shown"
    return shown[0]


def open_window(qtbot: QtBot, store: VersionStore, settings: QSettings) -> MainWindow:
    # Due passes every 50 ms: a pass that would fetch the imported page has every chance.
    window = MainWindow(store, settings, due_interval_ms=50)
    qtbot.addWidget(window)
    return window


def wait_until_settled(qtbot: QtBot, window: MainWindow, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(
        lambda: condition() and not any(i.checking for i in window.model.items()),
        timeout=15_000,
    )


def test_unticked_import_never_contacts_the_site(
    qtbot: QtBot, store: VersionStore, settings: QSettings, site: HTTPServer, tmp_path: Path
) -> None:
    url = site.url_for("/storm")
    window = open_window(qtbot, store, settings)
    dialog = import_through_dialog(qtbot, window, saved_copy(tmp_path, url), tick=None)
    assert not dialog.check_live.isChecked()  # off unless the user ticked it before
    wait_until_settled(qtbot, window, lambda: len(window.model.items()) == 1)
    (item,) = window.model.items()
    assert item.version_count == 1 and item.imported_only

    # A tracked article falls due after the import: the due pass that fetches it saw
    # the imported article too, and left it alone.
    now = utc_now()
    ferry = store.add_article(site.url_for("/ferry"), initial_state(SchedulePolicy(), now), now)
    wait_until_settled(qtbot, window, lambda: requests_for(site, "/ferry") == 1)
    # "Check all now" is not a choice about this article either.
    window.commands.check_all.trigger()
    wait_until_settled(qtbot, window, lambda: requests_for(site, "/ferry") == 2)
    assert requests_for(site, "/storm") == 0
    assert store.get_article(ferry.id).active

    # The state is said in words, in the sidebar and beside the text.
    window.sidebar.select_article(item.id)
    assert "Not checked: imported only" in item.tooltip()
    assert _meta_line(item).endswith("1 version · saved copy only")
    assert "Not checked: imported only" in window.detail.text.toPlainText()
    assert window.commands.start_checking.isEnabled()
    assert requests_for(site, "/storm") == 0

    # The user starts checking later: the site is contacted now, then on schedule.
    window.commands.start_checking.trigger()
    wait_until_settled(qtbot, window, lambda: store.get_article(item.id).version_count == 2)
    assert requests_for(site, "/storm") == 1
    article = store.get_article(item.id)
    assert article.active and article.next_check_at is not None
    assert not window.commands.start_checking.isEnabled()
    window.close()


def test_check_now_on_an_imported_article_fetches_once_and_keeps_it_unscheduled(
    qtbot: QtBot, store: VersionStore, settings: QSettings, site: HTTPServer, tmp_path: Path
) -> None:
    url = site.url_for("/storm")
    window = open_window(qtbot, store, settings)
    import_through_dialog(qtbot, window, saved_copy(tmp_path, url), tick=False)
    wait_until_settled(qtbot, window, lambda: len(window.model.items()) == 1)
    (item,) = window.model.items()
    window.sidebar.select_article(item.id)
    window.commands.check_selected.trigger()
    wait_until_settled(qtbot, window, lambda: store.get_article(item.id).version_count == 2)
    assert requests_for(site, "/storm") == 1
    article = store.get_article(item.id)
    assert not article.active and article.stopped_reason == "imported"
    assert article.next_check_at is None
    window.close()


def test_ticked_import_checks_the_live_page_at_once(
    qtbot: QtBot, store: VersionStore, settings: QSettings, site: HTTPServer, tmp_path: Path
) -> None:
    url = site.url_for("/storm")
    window = open_window(qtbot, store, settings)
    import_through_dialog(qtbot, window, saved_copy(tmp_path, url), tick=True)
    # Version 2 is the live page, which had changed since the copy was saved.
    wait_until_settled(qtbot, window, lambda: len(window.model.items()) == 1)
    (item,) = window.model.items()
    wait_until_settled(qtbot, window, lambda: store.get_article(item.id).version_count == 2)
    assert requests_for(site, "/storm") == 1
    assert store.get_article(item.id).active and not item.imported_only
    window.close()


def test_the_choice_is_remembered(qtbot: QtBot, settings_path: Path, tmp_path: Path) -> None:
    url = "https://news.example/storm"
    page = saved_copy(tmp_path, url)

    def dialog() -> ImportDialog:
        # A fresh QSettings on the same file each time, as after a restart.
        opened = ImportDialog(
            page, settings=QSettings(str(settings_path), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(opened)
        qtbot.waitUntil(opened.read, timeout=10_000)
        return opened

    first = dialog()
    assert not first.check_live.isChecked()  # off on first use
    assert first.message.text() == (
        "The page is stored from the file only: nothing is sent to news.example."
    )
    assert first.check_live.text() == (
        "Also check https://news.example/storm for later versions (contacts news.example)"
    )
    first.check_live.click()
    first.accept()
    second = dialog()
    assert second.check_live.isChecked() and second.check_live_page()
    assert second.message.text().endswith("news.example is contacted now and on schedule.")
    second.check_live.click()
    second.accept()
    assert not dialog().check_live.isChecked()
    cancelled = dialog()
    cancelled.check_live.click()
    cancelled.reject()  # Cancel is no choice
    assert not dialog().check_live.isChecked()


def test_an_already_tracked_article_keeps_its_schedule(
    qtbot: QtBot, store: VersionStore, settings: QSettings, site: HTTPServer, tmp_path: Path
) -> None:
    url = site.url_for("/storm")
    now = utc_now()
    tomorrow = now + timedelta(days=1)
    tracked = store.add_article(url, initial_state(SchedulePolicy(), tomorrow), now)
    settings.setValue("import/check_live_page", "true")
    window = open_window(qtbot, store, settings)
    page = saved_copy(tmp_path, url)
    dialog = import_through_dialog(qtbot, window, page, tick=None)
    # The box cannot start or stop anything for an article already in the store.
    assert not dialog.check_live.isEnabled() and not dialog.check_live_page()
    assert f"article {tracked.id}, which is checked on schedule" in dialog.message.text()
    wait_until_settled(qtbot, window, lambda: store.get_article(tracked.id).version_count == 1)
    # Asked to check the live page (as a script or an older window might) on an
    # article it did not create, the import leaves its schedule alone all the same.
    newer = saved_copy(tmp_path, url, "newer.html")
    os.utime(newer)
    window.checker.import_page(str(newer), url, to_iso(utc_now()), True)
    # The worker handles requests in order: once a later due pass has fetched another
    # article, any check the import had started is over.
    later = utc_now()
    store.add_article(site.url_for("/ferry"), initial_state(SchedulePolicy(), later), later)
    wait_until_settled(qtbot, window, lambda: requests_for(site, "/ferry") == 1)
    assert len(store.checks.of_article(tracked.id)) == 2  # both imports were recorded
    article = store.get_article(tracked.id)
    assert article.active and article.next_check_at == tracked.next_check_at
    assert article.check_interval == tracked.check_interval
    assert requests_for(site, "/storm") == 0
    # The remembered choice was not overwritten by a box that offered none.
    assert settings.value("import/check_live_page") == "true"
    window.close()
