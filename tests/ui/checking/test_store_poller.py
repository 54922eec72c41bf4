"""An open window follows what others write to its store within seconds: a colleague's
note appears (signed, read-only) without costing the reader their selection or unsaved
text, a watcher's new version extends the timeline, a colleague's new article is listed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.ui.app.main_window import MainWindow
from newsdiff_gui.ui.checking.store_poller import StoreSync
from tests.ui.review.test_controller import _first_change, _storm_window
from tests.ui.review.test_reviewers import _same_place


@contextmanager
def following(window: MainWindow) -> Iterator[StoreSync]:
    sync = StoreSync(window, interval=0.05)
    sync.start()
    try:
        yield sync
    finally:
        sync.shutdown()


def test_a_colleagues_note_appears_and_the_readers_typing_is_kept(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    settings.setValue("review/author", "Ana Ruiz")
    window = _storm_window(qtbot, store, settings, history)
    controller, panel = window.review.controller, window.detail.review_panel
    mine = controller.add_note(_first_change(window, ChangeKind.EDITED))
    assert mine is not None
    with following(window):
        qtbot.keyClicks(panel.note, "Checking the toll with")
        with VersionStore.open(store.path) as ben:
            ben.annotations.add(
                **_same_place(ben, mine), note="Coastguard says nine.", author="Ben Okafor"
            )
        qtbot.waitUntil(lambda: panel.list.count() == 2, timeout=5000)
    assert any("Ben Okafor" in panel.list.item(i).text() for i in range(2))
    assert panel.current_id() == mine  # the reader's note stays chosen
    assert panel.note.toPlainText() == "Checking the toll with"
    assert not panel.note.isReadOnly()


def test_a_watchers_version_and_a_colleagues_article_show_up(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = _storm_window(qtbot, store, settings, history)
    storm = history["storm"]
    shown = [entry.number for entry in window.timeline.entries]
    with following(window), VersionStore.open(store.path) as watcher:
        latest = watcher.latest_version(storm)
        assert latest is not None
        document = dataclasses.replace(
            latest.document,
            paragraphs=(*latest.document.paragraphs, "The harbour reopened at noon."),
        )
        with watcher.transaction():
            result = watcher.add_capture(
                storm,
                Capture(
                    raw=b"<p>page</p>",
                    document=document,
                    extractor="test",
                    extractor_version="1",
                    captured_at=latest.captured_at,
                    source=VersionSource.FETCH,
                ),
            )
            watcher.checks.record(
                storm,
                started_at=latest.captured_at,
                duration=0.1,
                outcome="new_version",
                version_id=result.version.id,
            )
        added = watcher.add_article(
            "https://news.example/ferry-strike",
            initial_state(SchedulePolicy(), latest.captured_at),
            latest.captured_at,
        )
        qtbot.waitUntil(
            lambda: sorted(e.number for e in window.timeline.entries) == [*shown, max(shown) + 1],
            timeout=5000,
        )
        qtbot.waitUntil(lambda: window.model.item(added.id) is not None, timeout=5000)
    assert window.sidebar.current_article_id() == storm  # the reader is still where they were


def test_what_a_colleague_writes_before_the_poller_runs_still_shows_up(
    qtbot: QtBot, store: VersionStore, settings: QSettings, history: dict[str, int]
) -> None:
    window = _storm_window(qtbot, store, settings, history)
    sync = StoreSync(window, interval=0.05)  # the window is open: it follows from here
    with VersionStore.open(store.path) as colleague:
        now = utc_now()
        added = colleague.add_article(
            "https://news.example/ferry-strike", initial_state(SchedulePolicy(), now), now
        )
    assert window.model.item(added.id) is None
    sync.start()  # its thread asks its first question only now, after the write
    try:
        qtbot.waitUntil(lambda: window.model.item(added.id) is not None, timeout=5000)
    finally:
        sync.shutdown()


def test_a_watchers_hundreds_of_new_articles_are_listed_without_rereading_every_row(
    qtbot: QtBot,
    store: VersionStore,
    settings: QSettings,
    history: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _storm_window(qtbot, store, settings, history)

    def every_row() -> None:
        raise AssertionError("the window re-read every article's row")

    monkeypatch.setattr(window.store, "list_articles", every_row)
    with following(window), VersionStore.open(store.path) as watcher:
        now = utc_now()
        with watcher.transaction():
            added = [
                watcher.add_article(
                    f"https://news.example/wire/{number}", initial_state(SchedulePolicy(), now), now
                ).id
                for number in range(300)
            ]
        qtbot.waitUntil(lambda: all(window.model.item(i) is not None for i in added), timeout=10000)
        with watcher.transaction():
            watcher.purge_article(added[0])
        qtbot.waitUntil(lambda: window.model.item(added[0]) is None, timeout=5000)
    assert window.model.rowCount() == len(history) + 299
