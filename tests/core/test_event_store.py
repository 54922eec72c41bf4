"""The event store: versions stored before life events get theirs once, on open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.lifecycle import EventKind
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from tests.support.pages import STORM, STORM_TITLE

T0 = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def capture(document: Document, hours: int, source: VersionSource) -> Capture:
    return Capture(
        raw=document.title.encode(),
        document=document,
        extractor="test",
        extractor_version="1",
        captured_at=T0 + timedelta(hours=hours),
        source=source,
    )


def test_an_upgraded_store_gets_the_events_of_its_versions_once(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    first = Document(STORM_TITLE, STORM)
    with VersionStore.open(path) as store:
        article = store.add_article("https://x.example/a", initial_state(SchedulePolicy(), T0), T0)
        store.add_capture(article.id, capture(first, 0, VersionSource.IMPORT))
        store.add_capture(
            article.id, capture(Document("Eight dead", STORM), 1, VersionSource.FETCH)
        )
        store.add_capture(article.id, capture(first, 2, VersionSource.FETCH))
        expected = [(e.kind, e.version, e.detail, e.at) for e in store.events.for_article(1)]
        # As a store made before life events: versions, and no events.
        store._connection.execute("DELETE FROM events")
        store._connection.execute("DELETE FROM settings")
    with VersionStore.open(path, read_only=True) as store:
        assert store.events.for_article(article.id) == []  # reading never writes
    for _ in range(2):  # the second open adds nothing
        with VersionStore.open(path) as store:
            rebuilt = [(e.kind, e.version, e.detail, e.at) for e in store.events.for_article(1)]
            assert rebuilt == expected
    assert [kind for kind, *_ in expected] == [
        EventKind.FIRST_SEEN,
        EventKind.HEADLINE_CHANGED,
        EventKind.REVERTED,
    ]
    assert expected[0][2] == "imported"
