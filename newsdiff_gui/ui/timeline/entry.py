"""A version's entry in the timeline, in words: what it changed and how it was captured.

Qt-free. What a version changed is said from the aligned comparison with the
previous version, in the same words as the diff area's summary
(`core/view/summary.py`), so the two never disagree; until that comparison is
made (the timeline aligns in the background) the entry says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from newsdiff_gui.core.align import Diff, align
from newsdiff_gui.core.digest import EVENT_LABELS
from newsdiff_gui.core.digest_export import EVENT_MARKS
from newsdiff_gui.core.document import Document, SetAside
from newsdiff_gui.core.lifecycle import EventKind, LifeEvent
from newsdiff_gui.core.store import StoredVersion, VersionNotice, VersionSource
from newsdiff_gui.core.view.summary import change_phrases, changed_rows
from newsdiff_gui.core.words import plural

# What the tooltip says the hidden-characters flag (⟨⟩ on the entry) means.
HIDDEN_CHARACTERS_TIP = (
    "Hidden characters: this version's text holds bidirectional controls or other "
    "invisible characters. They are shown as markers such as ⟨RLO⟩ (right-to-left "
    "override, which makes a browser draw the text after it reversed) or ⟨U+2062⟩, "
    "so what you read is the text as it is stored, not as a browser would draw it."
)


@dataclass(frozen=True, slots=True)
class VersionEntry:
    number: int
    captured_at: datetime
    imported: bool
    suspect_reason: str | None
    returns_to: int | None
    hidden_characters: bool = False
    # What the aligned comparison with the previous version found (change_phrases);
    # None until it is made.
    changes: tuple[str, ...] | None = None
    size: int = 0  # changed rows and headline, for the bar
    other_change: str = ""  # what changed when no paragraph or headline did
    http_status: int | None = None
    charset_mismatch: bool = False
    # Blocks of the page kept out of the text as the outlet's furniture, with why.
    set_aside: tuple[SetAside, ...] = ()
    # Life events marked on this entry (ui/timeline/life.py), oldest first.
    events: tuple[LifeEvent, ...] = ()

    def compared(self, diff: Diff) -> VersionEntry:
        """This entry once its version has been aligned with the previous one."""
        return replace(self, changes=tuple(change_phrases(diff)), size=changed_rows(diff))

    def caption(self) -> str:
        # Day and time only: the tooltip gives the year and the exact time in UTC.
        local = self.captured_at.astimezone()
        return f"Version {self.number} · {local.day} {local:%b}, {local:%H:%M}"

    def change_text(self) -> str:
        """What this version changed, in words: "headline changed, 2 paragraphs added"."""
        if self.number == 1:
            parts = ["first capture"]
        elif self.changes is None:
            parts = ["comparing with the previous version…"]
        else:
            parts = list(self.changes) or [self.other_change or "no change in text"]
            if self.returns_to:
                parts.append(f"returns to version {self.returns_to} text")
        if self.imported:
            parts.append("imported from a saved page")
        if self.hidden_characters:
            parts.append("hidden characters")
        if self.suspect_reason:
            parts.append("suspect extraction")
        return ", ".join(parts)

    def label(self) -> str:
        """The entry as one line, for screen readers."""
        events = "".join(f" · {event_label(event)}" for event in self.events)
        return f"{self.caption()} · {self.change_text()}{events}"

    def tooltip(self) -> str:
        """What the entry does not show: exact times, how it was captured, flags explained."""
        utc = self.captured_at.astimezone(UTC)
        local = self.captured_at.astimezone()
        lines = [
            f"Captured {utc:%Y-%m-%d %H:%M:%S} UTC ({local:%d %b %Y, %H:%M:%S} local time)",
        ]
        if self.imported:
            lines.append("Imported from a saved page; the live site was not contacted.")
        elif self.http_status is not None:
            lines.append(f"Fetched from the live site: HTTP {self.http_status}")
        if self.number > 1:
            lines.append(f"The counts compare it with version {self.number - 1}.")
        if self.returns_to:
            lines.append(
                f"Its text is the same as version {self.returns_to}'s: a change was undone."
            )
        if self.suspect_reason:
            lines.append(
                f"Suspect extraction: {self.suspect_reason}. The page may have been "
                "incomplete (a paywall, an error page); compare before relying on it."
            )
        if self.charset_mismatch:
            lines.append(
                "Character set mismatch: the page declared a character set its bytes are "
                "not valid in; invalid bytes show as �, as a browser shows them."
            )
        if self.hidden_characters:
            lines.append(HIDDEN_CHARACTERS_TIP)
        lines += _set_aside_lines(self.set_aside)
        lines += [event_tip(event) for event in self.events]
        return "\n".join(lines)


HEADLINE_ONLY = "Headline only"


def event_label(event: LifeEvent) -> str:
    """'✕ Gone · 3 Mar, 11:20': its mark, its name and, between captures, its time."""
    kind = event.kind
    name = HEADLINE_ONLY if kind is EventKind.HEADLINE_CHANGED else EVENT_LABELS[kind]
    text = f"{EVENT_MARKS[kind]} {name}"
    if event.version is None:
        local = event.at.astimezone()
        text += f" · {local.day} {local:%b}, {local:%H:%M}"
    return text


def event_tip(event: LifeEvent) -> str:
    local = event.at.astimezone()
    detail = f": {event.detail}" if event.detail else ""
    return f"{EVENT_LABELS[event.kind]} ({local:%d %b %Y, %H:%M}){detail}"


# Enough to recognise the blocks; the version's JSON (`newsdiff versions`) has them whole.
_SET_ASIDE_SHOWN = 3
_SET_ASIDE_CHARS = 80


def _set_aside_lines(blocks: tuple[SetAside, ...]) -> list[str]:
    """Which blocks were kept out of the compared text and why: the outlet prints them
    on its other articles, so a change in them is not a change of this article."""
    if not blocks:
        return []
    count = len(blocks)
    lines = [f"Set aside as the outlet's furniture ({plural(count, 'block')}, not compared):"]
    for block in blocks[:_SET_ASIDE_SHOWN]:
        text = block.text if len(block.text) <= _SET_ASIDE_CHARS else block.text[:77] + "…"
        lines.append(f"  “{text}” — {block.reason}")
    if count > _SET_ASIDE_SHOWN:
        lines.append(f"  and {plural(count - _SET_ASIDE_SHOWN, 'more block')}")
    return lines


def _other_change(old: Document, new: Document) -> str:
    """Words for a version whose headline and paragraphs are the previous ones'."""
    if old.byline != new.byline:
        return "byline changed"
    if old.dek != new.dek:
        return "standfirst changed"
    return ""


def version_entries(versions: list[StoredVersion]) -> list[VersionEntry]:
    """The entries, not yet compared (see `VersionEntry.compared`)."""
    entries = []
    previous: StoredVersion | None = None
    for version in versions:
        other = _other_change(previous.document, version.document) if previous else ""
        entries.append(
            VersionEntry(
                number=version.number,
                captured_at=version.captured_at,
                imported=version.source is VersionSource.IMPORT,
                suspect_reason=version.suspect_reason if version.suspect_extraction else None,
                returns_to=version.returns_to,
                hidden_characters=VersionNotice.HIDDEN_CHARACTERS in version.notices,
                other_change=other,
                http_status=version.http_status,
                charset_mismatch=VersionNotice.CHARSET_MISMATCH in version.notices,
                set_aside=version.document.set_aside,
            )
        )
        previous = version
    return entries


def compared_entries(versions: list[StoredVersion]) -> list[VersionEntry]:
    """The entries with every version aligned with the previous one, here and now."""
    entries = version_entries(versions)
    return entries[:1] + [
        entry.compared(align(old.document, new.document))
        for entry, old, new in zip(entries[1:], versions[:-1], versions[1:], strict=True)
    ]
