"""The timeline's entries read without a legend, and their tooltips add what the entry lacks."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from newsdiff_gui.core.align import align
from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.store import VersionSource, VersionStore
from newsdiff_gui.core.view.summary import summary_text
from newsdiff_gui.ui.timeline.entry import compared_entries
from newsdiff_gui.ui.timeline.panel import VersionTimeline, version_entries
from tests.ui.rewrite_diff import rewrite_diff


@pytest.fixture
def berlin_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_demo_versions_read_as_sentences(
    qtbot: QtBot, store: VersionStore, berlin_time: None
) -> None:
    article = load_demo(store)[2]
    timeline = VersionTimeline()
    qtbot.addWidget(timeline)
    timeline.set_versions(store.list_versions(article))
    qtbot.waitUntil(timeline.compared, timeout=10_000)
    labels = [entry.label() for entry in timeline.entries]
    # In the words of the aligned comparison, as the diff area's summary says them.
    assert labels == [
        "Version 1 · 10 Mar, 07:12 · first capture",
        "Version 2 · 10 Mar, 08:40 · headline changed, 1 paragraph edited, 1 added",
        "Version 3 · 10 Mar, 10:05 · 1 paragraph removed, 1 moved",
        "Version 4 · 10 Mar, 12:30 · 2 paragraphs edited",
        "Version 5 · 10 Mar, 15:50 · headline changed, 1 paragraph edited, 1 split",
        "Version 6 · 10 Mar, 19:20 · headline changed, 1 paragraph moved, 1 merged, 1 regrouped",
    ]
    assert not any(mark in label for label in labels for mark in ("¶", "+", "−"))
    newest = timeline.list.item(0)
    tip = newest.toolTip()
    # The tooltip adds to the entry instead of repeating it.
    assert timeline.entries[-1].change_text() not in tip
    assert tip.splitlines()[:3] == [
        "Captured 2026-03-10 18:20:00 UTC (10 Mar 2026, 19:20:00 local time)",
        "Fetched from the live site: HTTP 200",
        "The counts compare it with version 5.",
    ]
    assert timeline.list.item(5).toolTip().splitlines() == [
        "Captured 2026-03-10 06:12:00 UTC (10 Mar 2026, 07:12:00 local time)",
        "Fetched from the live site: HTTP 200",
    ]


def test_timeline_and_summary_say_the_same_counts(qtbot: QtBot, store: VersionStore) -> None:
    for article in load_demo(store):
        versions = store.list_versions(article)
        timeline = VersionTimeline()
        qtbot.addWidget(timeline)
        timeline.set_versions(versions)
        qtbot.waitUntil(timeline.compared, timeout=10_000)
        for entry, old, new in zip(timeline.entries[1:], versions, versions[1:], strict=False):
            summary = summary_text(align(old.document, new.document))
            assert summary.startswith(" · ".join(entry.changes or ()))


def test_an_entry_says_it_is_being_compared_until_it_is(store: VersionStore) -> None:
    versions = store.list_versions(load_demo(store)[2])
    waiting = version_entries(versions)[1]
    assert waiting.change_text() == "comparing with the previous version…"
    assert compared_entries(versions)[1].change_text().startswith("headline changed")


def test_returns_imports_and_flags_are_named(store: VersionStore) -> None:
    article = load_demo(store)[0]
    first, second, *_ = compared_entries(store.list_versions(article))
    back = replace(second, returns_to=1)
    assert back.change_text().endswith(", returns to version 1 text")
    assert "a change was undone" in back.tooltip()
    unchanged = replace(second, changes=(), returns_to=1)
    assert unchanged.change_text() == "no change in text, returns to version 1 text"
    imported = replace(first, imported=True, http_status=None)
    assert imported.change_text() == "first capture, imported from a saved page"
    assert "the live site was not contacted" in imported.tooltip()
    suspect = replace(second, suspect_reason="text shrank from 400 to 20 words (95% lost)")
    assert suspect.change_text().endswith(", suspect extraction")
    assert "Suspect extraction: text shrank from 400 to 20 words" in suspect.tooltip()


def test_byline_only_change_is_named(store: VersionStore) -> None:
    article = load_demo(store)[0]
    versions = store.list_versions(article)
    old = versions[0]
    new = replace(
        old,
        number=2,
        source=VersionSource.FETCH,
        document=replace(old.document, byline="By someone else"),
    )
    assert compared_entries([old, new])[1].change_text() == "byline changed"


def test_a_long_part_wraps_between_words_instead_of_being_cut(qtbot: QtBot) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from newsdiff_gui.ui.timeline.panel import _wrapped

    metrics = QFontMetrics(QFont())
    width = metrics.horizontalAdvance("first capture, imported")
    text = "first capture, imported from a saved page, hidden characters"
    lines = _wrapped(metrics, text, width)
    assert " ".join(lines).replace(", ", ",") == text.replace(", ", ",")
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    assert len(lines) >= 3


def test_a_rewrite_reads_as_regrouped_rows_and_moved_sentences(store: VersionStore) -> None:
    article = load_demo(store)[0]
    second = version_entries(store.list_versions(article))[1]
    entry = second.compared(rewrite_diff())
    assert entry.change_text() == "1 paragraph added, 1 removed, 1 regrouped, 1 sentence moved"
    assert entry.size == 3  # three rows changed; the moved sentence is inside two of them


def test_the_tooltip_says_what_was_set_aside_as_the_outlets_furniture(
    store: VersionStore,
) -> None:
    from newsdiff_gui.core.document import SetAside

    article = load_demo(store)[0]
    version = store.list_versions(article)[1]
    promo = SetAside(
        "Sign up for the morning briefing " * 4, "appears on 3 other articles of x.example"
    )
    bio = SetAside("Hanna Osei covers the coast.", "appears on 2 other articles of x.example")
    blocks = (promo, bio, bio, bio, bio)
    stored = replace(version, document=replace(version.document, set_aside=blocks))
    (entry,) = version_entries([stored])[-1:]
    tip = entry.tooltip().splitlines()
    start = tip.index("Set aside as the outlet's furniture (5 blocks, not compared):")
    # Long blocks are cut to a recognisable start; each says why it was set aside.
    assert tip[start + 1].startswith("  “Sign up for the morning briefing Sign up")
    assert tip[start + 1].endswith("…” — appears on 3 other articles of x.example")
    assert (
        tip[start + 2]
        == "  “Hanna Osei covers the coast.” — appears on 2 other articles of x.example"
    )
    assert tip[start + 4 :] == ["  and 2 more blocks"]
    assert "Set aside" not in replace(entry, set_aside=()).tooltip()
