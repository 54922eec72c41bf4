"""File → Compare…: versions of two different articles, and saved pages."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.sources import SavedFile, StoredVersionRef, WebAddress
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.diff.compare import CompareDialog, CompareLoader
from newsdiff_gui.ui.diff.view import Side
from tests.support.pages import STORM, article_page


def test_versions_of_two_articles_compare_in_one_view(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    loader = CompareLoader(store)
    old = StoredVersionRef(history["ferry"], 1)
    new = StoredVersionRef(history["storm"], 2)
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
        loader.load(SavedFile(first), SavedFile(second))
    left, right = ready.args
    assert left.document.paragraphs == STORM
    assert right.document.paragraphs == STORM[:3]
    assert right.caption == "Saved page b.html"
    with qtbot.waitSignal(loader.failed, timeout=10000) as failed:
        loader.load(SavedFile(first), SavedFile(Path("/nope.html")))
    assert failed.args[0] == "/nope.html: no such file"  # worded as the CLI words it
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
    assert dialog.sources[1] == WebAddress("https://news.example/a")
    assert isinstance(dialog.sources[0], StoredVersionRef)


def test_both_sides_load_off_the_ui_thread_and_its_connection(
    qtbot: QtBot,
    store: VersionStore,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loader = CompareLoader(store)

    def not_here(*_args: object) -> None:
        raise AssertionError("read on the UI thread's connection or in the app's process")

    # The job opens its own connection, and pages go to the extractor's child process.
    monkeypatch.setattr(store, "get_version", not_here)
    monkeypatch.setattr("newsdiff_gui.core.extract.api.parse_page", not_here)
    page = tmp_path / "rewrite.html"
    page.write_text(article_page(paragraphs=STORM[1:]), encoding="utf-8")
    with qtbot.waitSignal(loader.ready, timeout=10000) as ready:
        loader.load(StoredVersionRef(history["storm"], 1), SavedFile(page))
    left, right = ready.args
    assert left.version_id is not None and left.source.label == "Version 1"
    assert right.document.paragraphs == STORM[1:]
    assert "newsdiff-extractor" in [p.name for p in multiprocessing.active_children()]
    loader.shutdown()
    assert "newsdiff-extractor" not in [p.name for p in multiprocessing.active_children()]


def test_an_address_is_fetched_with_its_provenance(
    qtbot: QtBot, store: VersionStore, httpserver: HTTPServer
) -> None:
    body = article_page().encode("utf-8")
    httpserver.expect_request("/storm").respond_with_data(body, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    url, gone = httpserver.url_for("/storm"), httpserver.url_for("/gone")
    loader = CompareLoader(store)
    with qtbot.waitSignal(loader.ready, timeout=10000) as ready:
        loader.load(WebAddress(url), WebAddress(url))
    side = ready.args[1]
    assert side.caption == f"{url} (fetched now)" and side.article_url == url
    assert side.source is not None and side.source.http_status == 200
    with qtbot.waitSignal(loader.failed, timeout=10000) as failed:
        loader.load(WebAddress(url), WebAddress(gone))
    assert failed.args[0] == f"{gone}: could not be fetched (HTTP 404 Not Found)"
    loader.shutdown()


def test_a_file_side_is_named_and_read_later(
    qtbot: QtBot, store: VersionStore, history: dict[str, int]
) -> None:
    dialog = CompareDialog(store)
    qtbot.addWidget(dialog)
    dialog.new_picker.use_file.setChecked(True)
    dialog._accept()
    assert dialog.message.text() == "Cannot compare yet: choose a saved file."
    # Whether it exists is for the load job to say, in core/sources' words.
    dialog.new_picker.path_edit.setText("~/notes.txt")
    dialog._accept()
    assert dialog.sources is not None
    assert dialog.sources[1] == SavedFile(Path("~/notes.txt").expanduser())
