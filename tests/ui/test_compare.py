"""File → Compare…: versions of two different articles, and saved pages."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.compare import CompareDialog, CompareLoader, Source, SourceKind
from newsdiff_gui.ui.diff_view import Side
from tests.support.pages import STORM, article_page


def test_versions_of_two_articles_compare_in_one_view(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    loader = CompareLoader(store)
    old = Source(SourceKind.VERSION, article_id=history["ferry"], number=1)
    new = Source(SourceKind.VERSION, article_id=history["storm"], number=2)
    with qtbot.waitSignal(loader.ready, timeout=5000) as ready:
        loader.load(old, new)
    left, right = ready.args
    assert isinstance(left, Side) and isinstance(right, Side)
    assert left.caption.startswith("Council approves new ferry timetable · Version 1")
    assert "nine" in right.document.title
    loader.shutdown()


def test_saved_pages_are_extracted_off_the_ui_thread(
    qtbot: QtBot, store: VersionStore, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    first.write_text(article_page(), encoding="utf-8")
    second.write_text(article_page(paragraphs=STORM[:3]), encoding="utf-8")
    loader = CompareLoader(store)
    with qtbot.waitSignal(loader.ready, timeout=10000) as ready:
        loader.load(
            Source(SourceKind.FILE, path=str(first)), Source(SourceKind.FILE, path=str(second))
        )
    left, right = ready.args
    assert left.document.paragraphs == STORM
    assert right.document.paragraphs == STORM[:3]
    assert right.caption == "Saved page b.html"
    with qtbot.waitSignal(loader.failed, timeout=10000) as failed:
        loader.load(Source(SourceKind.FILE, path=str(first)), Source(SourceKind.FILE, path="/nope"))
    assert "nope" in failed.args[0]
    loader.shutdown()


def test_dialog_reports_an_incomplete_side(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    dialog = CompareDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.old_picker.use_version.isChecked()
    dialog.new_picker.url_edit.setText("mailto:x@example.org")
    dialog.new_picker.url_edit.textEdited.emit("mailto:x@example.org")
    dialog._accept()
    assert dialog.sources is None
    assert "Cannot compare yet" in dialog.message.text()
    dialog.new_picker.url_edit.setText("https://news.example/a")
    dialog._accept()
    assert dialog.sources is not None
    assert dialog.sources[1] == Source(SourceKind.URL, url="https://news.example/a")
    assert dialog.sources[0].kind is SourceKind.VERSION
