"""A version's entry in the timeline, in words: what it changed and how it was captured.

Qt-free. The counts are a cheap measure taken without aligning anything: which
paragraphs of each version are not found word for word in the previous one, and
where. The real, aligned counts appear in the diff area's summary.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.store import StoredVersion, VersionNotice, VersionSource
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
    paragraphs_added: int  # paragraphs with no counterpart in the previous version
    paragraphs_removed: int
    title_changed: bool
    imported: bool
    suspect_reason: str | None
    returns_to: int | None
    hidden_characters: bool = False
    paragraphs_changed: int = 0  # replaced in place: edited, or rewritten
    paragraphs_moved: int = 0  # same text, another place
    other_change: str = ""  # what changed when no paragraph or headline did
    http_status: int | None = None
    charset_mismatch: bool = False

    @property
    def size(self) -> int:
        return (
            self.paragraphs_added
            + self.paragraphs_removed
            + self.paragraphs_changed
            + self.paragraphs_moved
            + int(self.title_changed)
        )

    def caption(self) -> str:
        # Day and time only: the tooltip gives the year and the exact time in UTC.
        local = self.captured_at.astimezone()
        return f"Version {self.number} · {local.day} {local:%b}, {local:%H:%M}"

    def change_text(self) -> str:
        """What this version changed, in words: "headline changed, 2 paragraphs added"."""
        if self.number == 1:
            parts = ["first capture"]
        else:
            parts = self._changes() or [self.other_change or "no change in text"]
            if self.returns_to:
                parts.append(f"returns to version {self.returns_to} text")
        if self.imported:
            parts.append("imported from a saved page")
        if self.hidden_characters:
            parts.append("hidden characters")
        if self.suspect_reason:
            parts.append("suspect extraction")
        return ", ".join(parts)

    def _changes(self) -> list[str]:
        parts = ["headline changed"] if self.title_changed else []
        counts = [
            (self.paragraphs_changed, "changed"),
            (self.paragraphs_added, "added"),
            (self.paragraphs_removed, "removed"),
            (self.paragraphs_moved, "moved"),
        ]
        named = False  # the noun goes with the first count only: "2 paragraphs added, 2 removed"
        for count, verb in counts:
            if count:
                parts.append(f"{plural(count, 'paragraph') if not named else count} {verb}")
                named = True
        return parts

    def label(self) -> str:
        """The entry as one line, for screen readers."""
        return f"{self.caption()} · {self.change_text()}"

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
            lines.append(
                "The bar and the counts compare paragraphs word for word with version "
                f"{self.number - 1}; the comparison on the right aligns them."
            )
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
        return "\n".join(lines)


def paragraph_changes(old: Sequence[str], new: Sequence[str]) -> tuple[int, int, int, int]:
    """(changed, added, removed, moved) paragraphs between two versions, without aligning.

    Paragraphs found word for word once on each side are landmarks; the longest run
    of them in the same order stays in place and the others moved. Between two
    landmarks, as many paragraphs as the shorter side holds count as changed (edited
    or rewritten in place), the rest as added or removed. Linear in the paragraphs
    but for a sort, so a 100,000-paragraph live blog is read at once; the diff area's
    aligned counts can differ (it also finds splits and merges).
    """
    # Most updates touch a few paragraphs: leave out the shared opening and ending.
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old, new = old[start : len(old) - end], new[start : len(new) - end]
    old_count, new_count = Counter(old), Counter(new)
    anchors = [(i, text) for i, text in enumerate(old) if old_count[text] == new_count[text] == 1]
    new_position = {text: j for j, text in enumerate(new) if new_count[text] == 1}
    in_order = _longest_increasing([new_position[text] for _, text in anchors])
    kept = {anchors[k][1] for k in in_order}
    moved = len(anchors) - len(kept)
    changed = added = removed = 0
    gone = came = 0
    # Walk both sides gap by gap: the kept landmarks appear in the same order on both.
    new_iter = iter(new)
    for text in [*old, None]:
        if text is not None and text not in kept:
            gone += new_count[text] == 0
            continue
        for other in new_iter:
            if other == text:
                break
            came += old_count[other] == 0
        changed += min(gone, came)
        added += came - min(gone, came)
        removed += gone - min(gone, came)
        gone = came = 0
    # A paragraph repeated a different number of times: the extra copies came or went.
    for text in old_count.keys() & new_count.keys():
        difference = new_count[text] - old_count[text]
        added += max(0, difference)
        removed += max(0, -difference)
    return changed, added, removed, moved


def _longest_increasing(values: list[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of `values` (patience sort)."""
    tails: list[int] = []  # tails[k]: index of the smallest tail of a run of length k + 1
    tail_values: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        length = bisect_left(tail_values, value)
        if length > 0:
            previous[index] = tails[length - 1]
        if length == len(tails):
            tails.append(index)
            tail_values.append(value)
        else:
            tails[length] = index
            tail_values[length] = value
    result = []
    index = tails[-1] if tails else -1
    while index >= 0:
        result.append(index)
        index = previous[index]
    return result[::-1]


def _other_change(old: Document, new: Document) -> str:
    """Words for a version whose headline and paragraphs are the previous ones'."""
    if old.byline != new.byline:
        return "byline changed"
    if old.dek != new.dek:
        return "standfirst changed"
    return ""


def version_entries(versions: list[StoredVersion]) -> list[VersionEntry]:
    entries = []
    previous: StoredVersion | None = None
    for version in versions:
        changed = added = removed = moved = 0
        title_changed = False
        other = ""
        if previous is not None:
            old, new = previous.document, version.document
            changed, added, removed, moved = paragraph_changes(old.paragraphs, new.paragraphs)
            title_changed = old.title != new.title
            other = _other_change(old, new)
        entries.append(
            VersionEntry(
                number=version.number,
                captured_at=version.captured_at,
                paragraphs_added=added,
                paragraphs_removed=removed,
                title_changed=title_changed,
                imported=version.source is VersionSource.IMPORT,
                suspect_reason=version.suspect_reason if version.suspect_extraction else None,
                returns_to=version.returns_to,
                hidden_characters=VersionNotice.HIDDEN_CHARACTERS in version.notices,
                paragraphs_changed=changed,
                paragraphs_moved=moved,
                other_change=other,
                http_status=version.http_status,
                charset_mismatch=VersionNotice.CHARSET_MISMATCH in version.notices,
            )
        )
        previous = version
    return entries
