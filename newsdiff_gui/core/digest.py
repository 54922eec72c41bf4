"""What happened to every tracked article in a period: the digest's items.

One list, newest first, read by `newsdiff digest`, the Atom feed, the app's
"What changed since I last looked" and its Digest export. Each item is one life
event (core/lifecycle.py: every new version is one, so every change is in it)
with the one-line summary core/view/summary.py gives its comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsdiff_gui.core.align import align
from newsdiff_gui.core.lifecycle import EventKind, LifeEvent
from newsdiff_gui.core.store import Article, StoreError, VersionStore
from newsdiff_gui.core.view.summary import notification_text

_DURATION = re.compile(r"(\d{1,6})([mhdw])")
_UNIT = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
EVENT_LABELS = {
    EventKind.FIRST_SEEN: "First seen",
    EventKind.CHANGED: "Changed",
    EventKind.HEADLINE_CHANGED: "Headline changed",
    EventKind.GONE: "Gone",
    EventKind.BACK: "Back",
    EventKind.REDIRECTED: "Redirected",
    EventKind.REVERTED: "Reverted",
}


class BadDuration(StoreError):
    """A --since the user typed that is not a duration."""


def parse_duration(text: str) -> timedelta:
    """'90m', '24h', '7d', '2w' (one number and one unit) → a timedelta."""
    match = _DURATION.fullmatch(text.strip().casefold())
    if not match or int(match.group(1)) == 0:
        raise BadDuration(f"not a duration: {text!r} (a number and a unit: 90m, 24h, 7d or 2w)")
    return timedelta(**{_UNIT[match.group(2)]: int(match.group(1))})


@dataclass(frozen=True, slots=True)
class DigestItem:
    event: LifeEvent
    article: Article
    summary: str  # one line: the change's summary, or the event's detail
    compare: tuple[int, int] | None  # (old, new) version numbers of the change's diff

    @property
    def label(self) -> str:
        return EVENT_LABELS[self.event.kind]


def digest_items(store: VersionStore, since: datetime) -> list[DigestItem]:
    """Every event at or after `since`, newest first, with its summary."""
    return items_for(store, store.events.since(since))


def items_for(store: VersionStore, events: list[LifeEvent]) -> list[DigestItem]:
    articles = {article.id: article for article in store.list_articles()}
    return [
        _item(store, event, articles[event.article_id])
        for event in events
        if event.article_id in articles
    ]


# Summaries already made, by (store, article, version, capture time): the feed is
# rewritten after every check that finds something, and each rewrite would
# otherwise align its 50 entries again. A version never changes once stored.
_SUMMARIES: dict[tuple[str, int, int, datetime], str] = {}
_SUMMARIES_KEPT = 4096


def _change_summary(store: VersionStore, article_id: int, number: int, at: datetime) -> str:
    key = (str(store.address), article_id, number, at)
    summary = _SUMMARIES.get(key)
    if summary is None:
        old = store.get_version(article_id, number - 1)
        new = store.get_version(article_id, number)
        summary = notification_text(align(old.document, new.document))
        if len(_SUMMARIES) >= _SUMMARIES_KEPT:
            _SUMMARIES.clear()
        _SUMMARIES[key] = summary
    return summary


def _item(store: VersionStore, event: LifeEvent, article: Article) -> DigestItem:
    number = event.version
    if number is None or number < 2 or event.kind is EventKind.FIRST_SEEN:
        return DigestItem(event, article, event.detail or EVENT_LABELS[event.kind], None)
    summary = _change_summary(store, article.id, number, event.at)
    if event.detail:
        summary = f"{summary} ({event.detail})"
    return DigestItem(event, article, summary, (number - 1, number))
