"""Counts in the sidebar and the dialogs agree with their nouns; the tooltip names the URL once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.dialogs.articles import RemoveDialog
from newsdiff_gui.ui.sidebar.model import ArticleListModel
from tests.ui.sidebar.test_model import item


def test_sidebar_counts_take_the_plural() -> None:
    model = ArticleListModel()
    model.set_items([item(1, "Mayor resigns", 30, version_count=1, unread_changes=1)])
    spoken = model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "1 version," in spoken and "1 versions" not in spoken
    assert spoken.endswith("1 unread change")


def test_tooltip_names_the_address_once() -> None:
    titled = item(1, "Mayor resigns", 30)
    assert titled.tooltip().splitlines() == ["Mayor resigns", titled.url]
    untitled = item(2, "", None, version_count=0, last_error="HTTP 404 (not found)")
    lines = untitled.tooltip().splitlines()
    assert lines[0] == untitled.url
    assert lines.count(untitled.url) == 1
    assert len(lines) == 2 and "HTTP 404 (not found)" in lines[1]


def _remove_text(qtbot: QtBot, store: VersionStore, article_id: int, versions: int) -> str:
    article = replace(store.get_article(article_id), version_count=versions)
    dialog = RemoveDialog(article)
    qtbot.addWidget(dialog)
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_remove_dialog_counts_versions_in_words(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    one = _remove_text(qtbot, store, history["storm"], 1)
    assert "Its 1 stored version stays in the database" in one
    assert "1 stored versions" not in one
    assert "Its 3 stored versions stay" in _remove_text(qtbot, store, history["storm"], 3)
    none = _remove_text(qtbot, store, history["storm"], 0)
    assert "It has no stored version." in none and "0 stored" not in none
