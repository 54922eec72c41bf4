"""The names and markers of the change kinds, one language for the app, the PDF and HTML.

Colour is only ever a second signal (DESIGN.md): every row also carries one of
these markers and labels, deleted words are struck through and inserted words
underlined.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff_gui.core.align.model import ChangeKind

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

_DESCRIPTIONS: dict[ChangeKind, str] = {
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


@dataclass(frozen=True, slots=True)
class LegendEntry:
    kind: ChangeKind
    marker: str
    label: str
    description: str


LEGEND: tuple[LegendEntry, ...] = tuple(
    LegendEntry(kind, KIND_MARKERS[kind], KIND_LABELS[kind], description)
    for kind, description in _DESCRIPTIONS.items()
)

LEGEND_NOTES = (
    "Deleted words are struck through, inserted words underlined.",
    f"{NUMBERS_FLAG} marks a row whose numbers changed, "
    f"{QUOTE_FLAG} one whose quoted text changed.",
)
