"""Which timeline entry marks which life event (ui/timeline/life.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdiff_gui.core.lifecycle import EventKind, LifeEvent
from newsdiff_gui.ui.timeline.entry import VersionEntry, event_label
from newsdiff_gui.ui.timeline.life import attach_events

T0 = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def entry(number: int, hours: int) -> VersionEntry:
    return VersionEntry(number, T0 + timedelta(hours=hours), False, None, None)


def event(event_id: int, kind: EventKind, hours: float, version: int | None) -> LifeEvent:
    return LifeEvent(event_id, 1, T0 + timedelta(hours=hours), kind, version, "")


def test_events_go_on_their_version_or_on_the_last_one_captured_before_them() -> None:
    entries = [entry(1, 0), entry(2, 2), entry(3, 5)]
    events = [
        event(1, EventKind.FIRST_SEEN, 0, 1),
        event(2, EventKind.CHANGED, 2, 2),
        event(3, EventKind.GONE, 3, None),
        event(4, EventKind.BACK, 4, None),
        event(5, EventKind.HEADLINE_CHANGED, 5, 3),
        event(6, EventKind.REDIRECTED, 6, None),
    ]
    marked = attach_events(entries, events)
    kinds = {e.number: [ev.kind for ev in e.events] for e in marked}
    assert kinds == {
        1: [],  # a first capture and a plain change carry no mark
        2: [EventKind.GONE, EventKind.BACK],
        3: [EventKind.HEADLINE_CHANGED, EventKind.REDIRECTED],
    }
    assert event_label(marked[2].events[0]) == "H Headline only"
    assert event_label(marked[1].events[0]).startswith("✕ Gone · ")  # with its time


def test_marks_are_replaced_not_added_to() -> None:
    entries = attach_events([entry(1, 0)], [event(1, EventKind.GONE, 1, None)])
    again = attach_events(entries, [])
    assert again[0].events == ()
