"""Add, import and remove dialogs: validation, duplicates, capture time."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.dialogs.articles import (
    AddArticleDialog,
    ImportDialog,
    RemoveDialog,
    guess_page_url,
)


def ok_enabled(dialog: AddArticleDialog | ImportDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_add_dialog_accepts_only_new_http_urls(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    dialog = AddArticleDialog(store.find_article)
    qtbot.addWidget(dialog)
    assert not ok_enabled(dialog)
    dialog.url_edit.setText("ftp://example.org/file")
    assert not ok_enabled(dialog)
    assert "only http and https" in dialog.message.text()
    dialog.url_edit.setText("not a url")
    assert not ok_enabled(dialog)
    # The stored URL, typed with an upper-case host and a fragment: still a duplicate.
    dialog.url_edit.setText("https://ISLAND-TIMES.example/ferry-timetable#comments")
    assert not ok_enabled(dialog)
    assert "Already tracked" in dialog.message.text()
    assert "Council approves new ferry timetable" in dialog.message.text()
    dialog.url_edit.setText("  https://news.example/new-story  ")
    assert ok_enabled(dialog)
    assert dialog.url() == "https://news.example/new-story"


def test_add_dialog_allows_tracking_an_untracked_article_again(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    store.untrack(history["ferry"])
    dialog = AddArticleDialog(store.find_article)
    qtbot.addWidget(dialog)
    dialog.url_edit.setText("https://island-times.example/ferry-timetable")
    assert ok_enabled(dialog)


def test_import_dialog_guesses_url_and_uses_file_time(qtbot: QtBot, tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://news.example/story?id=4">'
        "</head><body><p>Text</p></body></html>",
        encoding="utf-8",
    )
    moment = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    os.utime(page, (moment.timestamp(), moment.timestamp()))
    dialog = ImportDialog(page)
    qtbot.addWidget(dialog)
    assert not ok_enabled(dialog)  # the file is read off the UI thread first
    qtbot.waitUntil(dialog.read, timeout=10_000)
    assert dialog.url_edit.text() == "https://news.example/story?id=4"
    assert ok_enabled(dialog)
    assert dialog.captured_at() == moment
    dialog.use_other.setChecked(True)
    assert dialog.when.isEnabled()
    dialog.url_edit.setText("")
    assert not ok_enabled(dialog)


def test_guess_page_url() -> None:
    og = b'<meta property="og:url" content="http://a.example/x">'
    assert guess_page_url(og) == "http://a.example/x"
    assert guess_page_url(b"<p>nothing</p>") == ""
    assert guess_page_url(b'<link rel="canonical" href="javascript:alert(1)">') == ""


def test_remove_dialog_keeps_versions_unless_ticked(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    dialog = RemoveDialog(store.get_article(history["storm"]))
    qtbot.addWidget(dialog)
    assert not dialog.purge()
    dialog.purge_box.setChecked(True)
    assert dialog.purge()
