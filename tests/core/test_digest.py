"""The digest's items: one per event, newest first; each change summarised once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdiff_gui.core import digest
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.lifecycle import EventKind, Seen, Sighting
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from tests.support.pages import STORM, STORM_TITLE

T0 = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def stored(tmp_path: Path) -> VersionStore:
    store = VersionStore.open(tmp_path / "digest.sqlite3")
    article = store.add_article("https://x.example/a", initial_state(SchedulePolicy(), T0), T0)
    texts = [STORM, STORM[:-1], (*STORM[:-1], "A new closing paragraph was added here.")]
    for hours, paragraphs in enumerate(texts):
        capture = Capture(
            raw=b"<html></html>",
            document=Document(STORM_TITLE, paragraphs),
            extractor="test",
            extractor_version="1",
            captured_at=T0 + timedelta(hours=hours),
            source=VersionSource.FETCH,
        )
        store.add_capture(article.id, capture)
    store.events.observe(article.id, T0 + timedelta(hours=5), Sighting(Seen.GONE, "HTTP 410"), True)
    return store


def test_items_newest_first_with_summaries_and_diff_pairs(tmp_path: Path) -> None:
    with stored(tmp_path) as store:
        items = digest.digest_items(store, T0 + timedelta(minutes=30))
    assert [(item.event.kind, item.compare) for item in items] == [
        (EventKind.GONE, None),
        (EventKind.CHANGED, (2, 3)),
        (EventKind.CHANGED, (1, 2)),
    ]
    assert items[0].summary == "HTTP 410"
    assert items[1].summary == "1 paragraph added" and items[2].summary == "1 paragraph removed"


def test_each_change_is_aligned_once_however_often_the_feed_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real_align = digest.align
    monkeypatch.setattr(digest, "align", lambda old, new: calls.append(1) or real_align(old, new))
    with stored(tmp_path) as store:
        first = digest.items_for(store, store.events.latest(50))
        again = digest.items_for(store, store.events.latest(50))
    assert len(calls) == 2  # the two changes, once each
    assert [item.summary for item in first] == [item.summary for item in again]
