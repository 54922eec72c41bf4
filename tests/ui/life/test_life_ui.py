"""Life events in the app: timeline marks, alerts, since my last look, digest, feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.cli import main
from newsdiff_gui.core.digest_export import diff_folder
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.lifecycle import EventKind, Seen, Sighting
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.review.commands import AUTHOR_KEY
from tests.support.pages import STORM, STORM_TITLE
from tests.ui.history import FERRY_TITLE, FERRY_V2, T0, capture

LATER = T0 + timedelta(days=1)


def open_window(qtbot: QtBot, store: VersionStore, settings: QSettings) -> MainWindow:
    window = MainWindow(store, settings, start_worker=False)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def live_events(store: VersionStore, history: dict[str, int]) -> None:
    """The storm story goes (404) and comes back, and reverts to its first text; the
    ferry story's headline alone changes."""
    storm = history["storm"]
    store.events.observe(storm, LATER, Sighting(Seen.GONE, "HTTP 404"), True)
    store.events.observe(storm, LATER + timedelta(hours=1), Sighting(Seen.REACHED), True)
    first = Document(STORM_TITLE, STORM, byline="Jonas Eberly")
    store.add_capture(storm, capture(first, LATER + timedelta(hours=2)))
    renamed = Document(f"{FERRY_TITLE} for the summer", FERRY_V2)
    store.add_capture(history["ferry"], capture(renamed, LATER + timedelta(hours=3)))


def test_timeline_marks_gone_back_reverted_and_headline_only(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    live_events(store, history)
    window = open_window(qtbot, store, settings)
    window.sidebar.select_article(history["storm"])
    entries = {entry.number: entry for entry in window.timeline.entries}
    assert [e.kind for e in entries[2].events] == [EventKind.GONE, EventKind.BACK]
    assert [e.kind for e in entries[3].events] == [EventKind.REVERTED]
    assert entries[1].events == ()  # a first capture and a plain change carry no mark
    assert "✕ Gone" in entries[2].label() and "↺ Back" in entries[2].label()
    assert "↶ Reverted" in entries[3].label()
    assert "HTTP 404" in entries[2].tooltip()

    window.sidebar.select_article(history["ferry"])
    entries = {entry.number: entry for entry in window.timeline.entries}
    assert [e.kind for e in entries[3].events] == [EventKind.HEADLINE_CHANGED]
    assert "H Headline only" in entries[3].label()
    assert entries[2].events == ()


def test_a_check_that_finds_the_story_gone_marks_and_announces_it(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = open_window(qtbot, store, settings)
    storm = history["storm"]
    window.sidebar.select_article(storm)
    events = store.events.observe(storm, LATER, Sighting(Seen.GONE, "HTTP 410"), True)
    with qtbot.waitSignal(window.notifier.alerted) as alert:
        window.check_reports.life_events(storm, tuple(events))
    assert alert.args == [storm, "gone"]
    assert "Gone: Storm kills at least nine" in window.statusBar().currentMessage()
    assert [e.kind for e in window.timeline.entries[-1].events] == [EventKind.GONE]

    back = store.events.observe(storm, LATER + timedelta(hours=1), Sighting(Seen.REACHED), True)
    with qtbot.assertNotEmitted(window.notifier.alerted):
        window.check_reports.life_events(storm, tuple(back))  # back is marked, not announced


def test_since_last_look_is_per_reviewer_and_opens_the_diff(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    live_events(store, history)
    store.events.set_last_look("ana", LATER - timedelta(minutes=1))
    settings.setValue(AUTHOR_KEY, "ana")
    window = open_window(qtbot, store, settings)
    dialog = window.life.show_since_last_look()
    qtbot.waitUntil(lambda: dialog.items is not None, timeout=5000)
    assert dialog.items is not None
    assert [item.event.kind for item in dialog.items] == [
        EventKind.HEADLINE_CHANGED,
        EventKind.REVERTED,
        EventKind.BACK,
        EventKind.GONE,
    ]
    reverted = dialog.tree.topLevelItem(1)
    assert reverted is not None and "↶ Reverted" in reverted.text(1)
    dialog._open_item(reverted)
    assert window.sidebar.current_article_id() == history["storm"]
    assert window.timeline.selected() == (2, 3)

    dialog.mark_seen()
    assert store.events.last_look("ana") == dialog.until.replace(microsecond=0)
    assert store.events.last_look("ben") is None  # another reviewer has not looked


def test_export_digest_and_feed_from_the_file_menu(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    live_events(store, history)
    window = open_window(qtbot, store, settings)
    now = datetime(2026, 3, 10, tzinfo=UTC)
    monkeypatch.setattr("newsdiff_gui.ui.life.menu.utc_now", lambda: now)
    monkeypatch.setattr("newsdiff_gui.cli.life_commands.utc_now", lambda: now)
    out = tmp_path / "app" / "digest.html"
    out.parent.mkdir()
    with qtbot.waitSignal(window.life.jobs.written, timeout=10_000):
        window.life.export_digest_to("Last 30 days", out)
    page = lxml_html.fromstring(out.read_bytes())
    kinds = [row.get("class") for row in page.xpath("//tbody/tr")]
    assert kinds[:4] == ["headline_changed", "reverted", "back", "gone"]
    links = page.xpath("//a[text()='full diff']/@href")
    assert links and all((out.parent / link).is_file() for link in links)

    # The same files as `newsdiff digest --since 30d --html`, diff pages included.
    cli_out = tmp_path / "cli" / "digest.html"
    cli_out.parent.mkdir()
    assert main(["--db", str(store.path), "digest", "--since", "30d", "--html", str(cli_out)]) == 0
    assert cli_out.read_bytes() == out.read_bytes()
    app_diffs = sorted(p.name for p in diff_folder(out).iterdir())
    assert app_diffs == sorted(p.name for p in diff_folder(cli_out).iterdir())

    feed = tmp_path / "changes.atom"
    with qtbot.waitSignal(window.life.jobs.feedWritten, timeout=10_000):
        window.life.set_feed(feed)
    assert "Atom feed written to" in window.statusBar().currentMessage()
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo and parsed.entries[0].title.startswith("Headline changed")
    window.life.set_feed(None)
    assert "no longer" in window.statusBar().currentMessage()


def test_a_digest_that_cannot_be_written_is_explained(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, store, settings)
    told: list[str] = []
    monkeypatch.setattr(
        "newsdiff_gui.ui.life.menu.QMessageBox.warning", lambda _w, _t, text: told.append(text)
    )
    out = tmp_path / "no such folder" / "digest.html"
    with qtbot.waitSignal(window.life.jobs.failed, timeout=10_000):
        window.life.export_digest_to("Last 7 days", out)
    assert told and told[0].startswith("Not done:") and "no such folder" in told[0]
    assert not out.exists()
