"""The names and markers of the change kinds, one language for the app, the PDF and HTML.

Colour is only ever a second signal (DESIGN.md): every row also carries one of
these markers and labels, deleted words are struck through and inserted words
underlined, moved text is led by its arrow. The words themselves live in
`core/view/phrases.py`; this module arranges them as a legend.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff_gui.core.align.model import ChangeKind
from newsdiff_gui.core.view.phrases import (
    KIND_DESCRIPTIONS,
    KIND_LABELS,
    KIND_MARKERS,
    MOVED_TEXT_NOTE,
    NUMBERS_FLAG,
    QUOTE_FLAG,
)

__all__ = [
    "KIND_LABELS",
    "KIND_MARKERS",
    "LEGEND",
    "LEGEND_NOTES",
    "NUMBERS_FLAG",
    "QUOTE_FLAG",
    "LegendEntry",
]


@dataclass(frozen=True, slots=True)
class LegendEntry:
    kind: ChangeKind
    marker: str
    label: str
    description: str


LEGEND: tuple[LegendEntry, ...] = tuple(
    LegendEntry(kind, KIND_MARKERS[kind], KIND_LABELS[kind], description)
    for kind, description in KIND_DESCRIPTIONS.items()
)

LEGEND_NOTES = (
    "Deleted words are struck through, inserted words underlined.",
    f"{NUMBERS_FLAG} marks a row whose numbers changed, "
    f"{QUOTE_FLAG} one whose quoted text changed.",
    MOVED_TEXT_NOTE,
)
