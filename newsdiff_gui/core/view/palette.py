"""The colours of change, one table for the panes, the PDF and the HTML pages.

Okabe–Ito hues (safe for the common colour-vision deficiencies, DESIGN.md):
removed vermillion, added blue, edited yellow, moved sky blue, split, merged
and regrouped purple. Colour is only ever a second signal: every row carries a
kind marker and label, deleted words are struck through, inserted words
underlined and moved text is led by its arrow reference (→ ¶9, ← ¶2).

Each `Paint` has the pure `hue` (what the Qt panes blend into the palette's
base colour), a `line` colour for borders and outlines on a light page (the
yellow hue is too pale for a line), and the tints the HTML pages put behind
text: dark text on the light tints and light text on the dark ones both stay
above WCAG AA (4.5:1).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from newsdiff_gui.core.align.model import ChangeKind, TokenOp


class PaintName(StrEnum):
    """A colour role; the strings are the CSS custom-property names (`--removed`)."""

    REMOVED = "removed"
    ADDED = "added"
    EDITED = "edited"
    MOVED = "moved"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Paint:
    hue: str  # the Okabe–Ito colour itself
    line: str  # borders and outlines
    light_tint: str  # behind dark text
    dark_tint: str  # behind light text


PAINTS: dict[PaintName, Paint] = {
    PaintName.REMOVED: Paint("#d55e00", "#d55e00", "#fbe1d0", "#4a2410"),
    PaintName.ADDED: Paint("#0072b2", "#0072b2", "#d6ebf7", "#0f3147"),
    PaintName.EDITED: Paint("#f0e442", "#b8a000", "#fbf6c8", "#433c05"),
    PaintName.MOVED: Paint("#56b4e9", "#56b4e9", "#e1f2fb", "#173a4c"),
    PaintName.GROUP: Paint("#cc79a7", "#cc79a7", "#f6e3ee", "#45233a"),
}

# The Okabe–Ito orange: not a change kind; the app uses it for attention marks.
ORANGE = "#e69f00"

KIND_PAINT: dict[ChangeKind, PaintName] = {
    ChangeKind.REMOVED: PaintName.REMOVED,
    ChangeKind.ADDED: PaintName.ADDED,
    ChangeKind.EDITED: PaintName.EDITED,
    ChangeKind.MOVED: PaintName.MOVED,
    ChangeKind.MOVED_EDITED: PaintName.MOVED,
    ChangeKind.SPLIT: PaintName.GROUP,
    ChangeKind.MERGED: PaintName.GROUP,
    ChangeKind.REGROUPED: PaintName.GROUP,
}

# Words inside a row: deleted on vermillion, inserted on blue, moved text on sky blue.
TOKEN_PAINT: dict[TokenOp, PaintName] = {
    TokenOp.DELETE: PaintName.REMOVED,
    TokenOp.INSERT: PaintName.ADDED,
    TokenOp.MOVED_OUT: PaintName.MOVED,
    TokenOp.MOVED_IN: PaintName.MOVED,
}


def kind_paint(kind: ChangeKind) -> Paint | None:
    """The colours of a row of `kind`; None for unchanged rows."""
    name = KIND_PAINT.get(kind)
    return None if name is None else PAINTS[name]


def token_paint(op: TokenOp) -> Paint | None:
    """The colours behind a run of words; None for equal text."""
    name = TOKEN_PAINT.get(op)
    return None if name is None else PAINTS[name]


def _lines(parts: list[str], per_line: int, indent: str) -> str:
    lines = [" ".join(parts[i : i + per_line]) for i in range(0, len(parts), per_line)]
    return f"\n{indent}".join(lines)


def colour_css() -> str:
    """CSS custom properties for both schemes (`var(--moved)`, `var(--moved-tint)`, …)."""
    light = [
        f"--{name}: {paint.line}; --{name}-tint: {paint.light_tint};"
        for name, paint in PAINTS.items()
    ]
    dark = [f"--{name}-tint: {paint.dark_tint};" for name, paint in PAINTS.items()]
    return (
        "\n:root { color-scheme: light dark; --text: #1a1a1a; --page: #ffffff; --muted: #4d4d4d;\n"
        f"  {_lines(light, 2, '  ')} }}\n"
        "@media (prefers-color-scheme: dark) {\n"
        "  :root { --text: #f0f0f0; --page: #151515; --muted: #c4c4c4;\n"
        f"    {_lines(dark, 3, '    ')} }} }}\n"
    )
