"""The words and marks a reader sees for a change, said once for every renderer.

Kind names and gutter markers, the notes beside a row ("numbers changed",
"minor: punctuation, quotes or case", "similarity 0.91", the too-long note) and
the references of moved text ("→ ¶9", "moved ↓ from after ¶3"). The panes, the
PDF, the HTML pages and the terminal compose them; none spells them itself.
"""

from __future__ import annotations

from newsdiff_gui.core.align.model import ChangeKind, Row, too_long_note
from newsdiff_gui.core.words import plural

# One character per kind, drawn in the gutter (the terminal renderer's markers,
# with arrows for moves: a moved row's ↕ becomes ↑ or ↓ toward where it stood).
KIND_MARKERS: dict[ChangeKind, str] = {
    ChangeKind.UNCHANGED: "",
    ChangeKind.EDITED: "~",
    ChangeKind.ADDED: "+",
    ChangeKind.REMOVED: "−",
    ChangeKind.MOVED: "↕",
    ChangeKind.MOVED_EDITED: "↕~",
    ChangeKind.SPLIT: "⟨",
    ChangeKind.MERGED: "⟩",
    ChangeKind.REGROUPED: "⇄",
}

KIND_LABELS: dict[ChangeKind, str] = {
    ChangeKind.UNCHANGED: "unchanged",
    ChangeKind.EDITED: "edited",
    ChangeKind.ADDED: "added",
    ChangeKind.REMOVED: "removed",
    ChangeKind.MOVED: "moved",
    ChangeKind.MOVED_EDITED: "moved + edited",
    ChangeKind.SPLIT: "split",
    ChangeKind.MERGED: "merged",
    ChangeKind.REGROUPED: "regrouped",
}

KIND_DESCRIPTIONS: dict[ChangeKind, str] = {
    ChangeKind.EDITED: "same paragraph, words changed",
    ChangeKind.ADDED: "new paragraph",
    ChangeKind.REMOVED: "paragraph gone",
    ChangeKind.MOVED: "same text, different place",
    ChangeKind.MOVED_EDITED: "moved and edited",
    ChangeKind.SPLIT: "one paragraph became several",
    ChangeKind.MERGED: "several paragraphs became one",
    ChangeKind.REGROUPED: "sentences redistributed across paragraph breaks",
}

NUMBERS_FLAG = "#"
QUOTE_FLAG = "“"

NUMBERS_CHANGED = "numbers changed"
QUOTE_CHANGED = "quote changed"
MINOR_SHORT = "minor"
MINOR_LONG = "minor: punctuation, quotes or case"
# What the arrows of moved text mean, for legends.
MOVED_TEXT_NOTE = (
    "Text that moved between paragraphs is shaded and led by an arrow: "
    "→ ¶N where it stands now (new paragraph N), ← ¶N where it came from (old paragraph N)."
)


def paragraph_numbers(indices: tuple[int, ...], joiner: str = ", ") -> str:
    """0-based paragraph indices as a reader counts them: "¶3, ¶4" ("—" for none)."""
    return joiner.join(f"¶{i + 1}" for i in indices) or "—"


def flag_marks(numbers_changed: bool, quote_changed: bool) -> str:
    """'#' for changed numbers, '“' for changed quotes."""
    return (NUMBERS_FLAG if numbers_changed else "") + (QUOTE_FLAG if quote_changed else "")


def flag_phrases(numbers_changed: bool, quote_changed: bool) -> list[str]:
    return [NUMBERS_CHANGED] * numbers_changed + [QUOTE_CHANGED] * quote_changed


def similarity_phrase(row: Row) -> str | None:
    """'similarity 0.91' for rows whose texts differ (not unchanged, moved, added, removed)."""
    if row.similarity is None or row.kind in (ChangeKind.UNCHANGED, ChangeKind.MOVED):
        return None
    return f"similarity {row.similarity:.2f}"


def row_notes(row: Row, *, long: bool) -> list[str]:
    """The notes after a row's label: similarity, minor, flags (long or short wording)."""
    notes = [similarity_phrase(row)]
    if row.minor:
        notes.append(MINOR_LONG if long else MINOR_SHORT)
    notes += flag_phrases(row.numbers_changed, row.quote_changed)
    return [note for note in notes if note]


def too_long_phrase(length: int) -> str:
    """The note of a text over the inline limit (shown whole, without word highlights)."""
    return too_long_note(length)


def moved_text_phrase(kind: ChangeKind, arrows: list[str], opens_row: bool) -> str | None:
    """What an added/removed row says about its text that stands elsewhere.

    "but its first sentence moved to ¶3", "but 2 sentences moved to ¶3, ¶5",
    "but one sentence came from ¶2"; None for other kinds or without moved text.
    """
    if kind not in (ChangeKind.ADDED, ChangeKind.REMOVED) or not arrows:
        return None
    if len(arrows) == 1:
        which = "its first sentence" if opens_row else "one sentence"
    else:
        which = plural(len(arrows), "sentence")
    verb = "moved to" if kind is ChangeKind.REMOVED else "came from"
    return f"but {which} {verb} {', '.join(arrows)}"
