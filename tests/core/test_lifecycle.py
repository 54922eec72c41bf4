"""The life of an article as pure decisions: transitions, version events, the judge."""

from __future__ import annotations

from datetime import timedelta

import pytest

from newsdiff_gui.core.digest import BadDuration, parse_duration
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.life_judge import canonical_link, listing_page, related
from newsdiff_gui.core.lifecycle import (
    EventKind,
    LifeState,
    Reach,
    Seen,
    Sighting,
    public_state,
    transition,
    version_event,
)
from tests.support.pages import STORM, STORM_TITLE

GONE = Sighting(Seen.GONE, "HTTP 404")
REACHED = Sighting(Seen.REACHED)
MOVED = Sighting(Seen.REDIRECTED, "a → b", "https://x.example/b")


@pytest.mark.parametrize(
    ("reach", "sighting", "kinds", "after"),
    [
        (Reach.ACTIVE, GONE, [EventKind.GONE], Reach.GONE),
        (Reach.GONE, GONE, [], Reach.GONE),
        (Reach.GONE, REACHED, [EventKind.BACK], Reach.ACTIVE),
        (Reach.ACTIVE, REACHED, [], Reach.ACTIVE),
        (Reach.REDIRECTED, REACHED, [], Reach.REDIRECTED),
        (Reach.ACTIVE, MOVED, [EventKind.REDIRECTED], Reach.REDIRECTED),
        (Reach.GONE, MOVED, [EventKind.BACK, EventKind.REDIRECTED], Reach.REDIRECTED),
        (Reach.REDIRECTED, GONE, [EventKind.GONE], Reach.GONE),
        (Reach.GONE, Sighting(Seen.NOTHING), [], Reach.GONE),
    ],
)
def test_one_event_per_transition(
    reach: Reach, sighting: Sighting, kinds: list[EventKind], after: Reach
) -> None:
    events, reach_after = transition(reach, sighting, seen_before=True)
    assert [event.kind for event in events] == kinds and reach_after is after


def test_a_redirect_that_could_not_be_followed_is_said_once() -> None:
    events, _ = transition(Reach.REDIRECTED, MOVED, True, last_redirect="a → b")
    assert events == []
    other = Sighting(Seen.REDIRECTED, "b → c", "https://x.example/c")
    assert [e.kind for e in transition(Reach.REDIRECTED, other, True, "a → b")[0]] == [
        EventKind.REDIRECTED
    ]


def test_a_page_never_read_has_no_life_yet() -> None:
    assert transition(Reach.ACTIVE, GONE, seen_before=False) == ([], Reach.ACTIVE)


def test_version_events() -> None:
    first = Document(STORM_TITLE, STORM, byline="J. E.")
    renamed = Document("Storm kills eight", STORM, byline="J. E.")
    edited = Document(STORM_TITLE, STORM[:-1], byline="J. E.")
    assert version_event(1, None, first, None, "imported").kind is EventKind.FIRST_SEEN
    headline = version_event(2, first, renamed, None, "")
    assert headline.kind is EventKind.HEADLINE_CHANGED and "Storm kills eight" in headline.detail
    assert version_event(3, renamed, edited, None, "").kind is EventKind.CHANGED
    reverted = version_event(4, edited, first, 1, "")
    assert (reverted.kind, reverted.detail) == (EventKind.REVERTED, "text returned to version 1")
    # A byline change is a change, not a headline change.
    assert version_event(2, first, Document(STORM_TITLE, STORM, byline="X"), None, "").kind is (
        EventKind.CHANGED
    )


def test_public_state() -> None:
    assert public_state(Reach.ACTIVE, checked=True) is LifeState.ACTIVE
    assert public_state(Reach.ACTIVE, checked=False) is LifeState.STOPPED
    assert public_state(Reach.REDIRECTED, checked=False) is LifeState.STOPPED
    assert public_state(Reach.GONE, checked=False) is LifeState.GONE
    assert public_state(Reach.REDIRECTED, checked=True) is LifeState.REDIRECTED


@pytest.mark.parametrize(
    ("final", "listing"),
    [
        ("https://www.courier.example/", True),
        ("https://courier.example/news/", True),
        ("https://courier.example/news", True),
        ("https://courier.example/news/2026/storm-2", False),
        ("https://courier.example/sport/", False),
        ("https://other.example/", False),
        ("https://courier.example/?page=404", False),
        (None, False),
    ],
)
def test_a_list_of_stories_is_the_home_page_or_a_section_above_the_article(
    final: str | None, listing: bool
) -> None:
    assert listing_page("https://courier.example/news/2026/storm", final) is listing


def test_related_by_headline_or_by_paired_text() -> None:
    story = Document(STORM_TITLE, STORM)
    assert related(story, Document("Storm batters coastal towns", ()))
    assert related(story, Document("Eight dead", STORM[:2]))  # a third of the words kept
    not_found = Document("Page not found", ("Sorry, we could not find that page.",))
    assert not related(story, not_found)


def test_canonical_link() -> None:
    page = '<html><head><link rel="Canonical" href="/a/b#top"></head><body></body></html>'
    assert canonical_link(page, "https://x.example/z") == "https://x.example/a/b"
    assert canonical_link("<p>no head</p>", "https://x.example/") is None
    assert (
        canonical_link('<link rel="canonical" href="javascript:1">', "https://x.example/") is None
    )


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("90m", timedelta(minutes=90)),
        ("24h", timedelta(hours=24)),
        ("7D", timedelta(days=7)),
        ("2w", timedelta(weeks=2)),
    ],
)
def test_durations(text: str, length: timedelta) -> None:
    assert parse_duration(text) == length


@pytest.mark.parametrize("text", ["", "24", "h", "1y", "0h", "-3d", "1.5h", "9999999d"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(BadDuration, match="not a duration"):
        parse_duration(text)
