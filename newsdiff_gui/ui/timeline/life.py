"""Life events on the timeline, in words: which version entry says which event.

Qt-free. A version's own event (reverted, headline only) goes on its entry; an
event between captures (gone, back, redirected) goes on the latest version
captured before it, since that is the text the reader last had. A plain change
and the first capture carry no mark: their entry already says so, and the
marks stay for what is out of the ordinary.
"""

from __future__ import annotations

from dataclasses import replace

from newsdiff_gui.core.lifecycle import EventKind, LifeEvent
from newsdiff_gui.ui.timeline.entry import VersionEntry

# Kinds whose entry already tells them (no mark of their own).
_UNMARKED = frozenset({EventKind.FIRST_SEEN, EventKind.CHANGED})


def attach_events(entries: list[VersionEntry], events: list[LifeEvent]) -> list[VersionEntry]:
    """The entries with each marked event on the entry it belongs to (oldest first)."""
    if not entries:
        return entries
    by_number = {entry.number: index for index, entry in enumerate(entries)}
    attached: list[list[LifeEvent]] = [[] for _ in entries]
    for event in events:
        if event.kind in _UNMARKED:
            continue
        if event.version is not None and event.version in by_number:
            attached[by_number[event.version]].append(event)
            continue
        before = [i for i, entry in enumerate(entries) if entry.captured_at <= event.at]
        attached[before[-1] if before else 0].append(event)
    return [
        replace(entry, events=tuple(found)) if found or entry.events else entry
        for entry, found in zip(entries, attached, strict=True)
    ]
