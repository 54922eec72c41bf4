"""The life of an article: which event a new version or a check is, said once.

Two kinds of fact make an article's life. A new version is `first_seen`,
`changed`, `headline_changed` or `reverted` (decided from the stored text, see
`version_event`). A check says whether the story is still at its address: a
`Sighting` (reached, gone, redirected, or nothing learned), and `transition`
turns the article's stored reachability and that sighting into at most the
events of one change of state, so an article that stays gone for a hundred
checks has one `gone` event. Pure functions over plain values: the store
(core/store/event_store.py) records what they decide; core/life_judge.py tells a
fetched page's sighting.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import content_fingerprint


class EventKind(enum.StrEnum):
    """The JSON values of `newsdiff events` (DESIGN.md)."""

    FIRST_SEEN = "first_seen"
    CHANGED = "changed"
    HEADLINE_CHANGED = "headline_changed"
    GONE = "gone"
    BACK = "back"
    REDIRECTED = "redirected"
    REVERTED = "reverted"


# The events a fact-checker is told about at once (a notification in the app).
ALERT_KINDS = frozenset({EventKind.GONE, EventKind.REVERTED})


class Reach(enum.StrEnum):
    """Whether the story is at its address, as stored on the article (`life_state`)."""

    ACTIVE = "active"
    GONE = "gone"
    REDIRECTED = "redirected"


class LifeState(enum.StrEnum):
    """An article's state in `list --json`: its reach, or `stopped` when not checked."""

    ACTIVE = "active"
    GONE = "gone"
    REDIRECTED = "redirected"
    STOPPED = "stopped"


def public_state(reach: Reach, checked: bool) -> LifeState:
    """Gone is said even when checks stopped (the most useful fact about the story);
    otherwise an article nobody checks any more is `stopped`."""
    if reach is Reach.GONE:
        return LifeState.GONE
    if not checked:
        return LifeState.STOPPED
    return LifeState(reach.value)


@dataclass(frozen=True, slots=True)
class LifeEvent:
    id: int
    article_id: int
    at: datetime
    kind: EventKind
    version: int | None
    detail: str


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event decided, not yet stored."""

    kind: EventKind
    detail: str
    version: int | None = None


class Seen(enum.Enum):
    REACHED = "reached"  # the story answered at its address
    GONE = "gone"
    REDIRECTED = "redirected"  # the story answered at another article address
    NOTHING = "nothing"  # a timeout, a server error: nothing learned about the story


@dataclass(frozen=True, slots=True)
class Sighting:
    seen: Seen
    detail: str = ""
    new_url: str | None = None  # REDIRECTED: the address to follow from now on
    listing: bool = False  # GONE: the page is a list of stories, not kept as a version


NOTHING_LEARNED = Sighting(Seen.NOTHING)
REACHED = Sighting(Seen.REACHED)


def transition(
    reach: Reach, sighting: Sighting, seen_before: bool, last_redirect: str | None = None
) -> tuple[list[NewEvent], Reach]:
    """The events of one check and the article's reach after it.

    `seen_before`: the article has a stored version. A page that was never read
    cannot be gone: a 404 on an address tracked anyway is a failed check, no more.
    `last_redirect`: the detail of the article's latest redirect, so a redirect
    that could not be followed (its target is another tracked article) is said once.
    """
    if sighting.seen is Seen.NOTHING or not seen_before:
        return [], reach
    repeated = sighting.seen is Seen.REDIRECTED and sighting.detail == last_redirect
    if repeated and reach is Reach.REDIRECTED:
        return [], reach
    if sighting.seen is Seen.GONE:
        if reach is Reach.GONE:
            return [], reach
        return [NewEvent(EventKind.GONE, sighting.detail)], Reach.GONE
    events = []
    if reach is Reach.GONE:
        events.append(NewEvent(EventKind.BACK, sighting.detail or "reachable again"))
    if sighting.seen is Seen.REDIRECTED:
        events.append(NewEvent(EventKind.REDIRECTED, sighting.detail))
        return events, Reach.REDIRECTED
    return events, Reach.ACTIVE if reach is Reach.GONE else reach


def version_event(
    number: int,
    previous: Document | None,
    current: Document,
    returns_to: int | None,
    how_added: str,
) -> NewEvent:
    """The one event of a new version: the first, a return to earlier text, a change
    of the headline alone (byline and paragraphs equal after normalisation), or a change."""
    if previous is None:
        return NewEvent(EventKind.FIRST_SEEN, how_added, number)
    if returns_to is not None:
        return NewEvent(EventKind.REVERTED, f"text returned to version {returns_to}", number)
    if _body(previous) == _body(current):
        return NewEvent(
            EventKind.HEADLINE_CHANGED, f"“{previous.title}” → “{current.title}”", number
        )
    return NewEvent(EventKind.CHANGED, "", number)


def _body(document: Document) -> str:
    return content_fingerprint("", document.byline, document.paragraphs)
