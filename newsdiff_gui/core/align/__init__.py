"""Paragraph alignment between two versions of an article (no Qt).

    from newsdiff_gui.core.align import align, AlignOptions, Diff, check_invariants

`align(old, new)` returns a `Diff` whose rows pair paragraphs across versions
(unchanged, edited, added, removed, moved, moved_edited, split, merged), with
word tokens, fact flags and stats; see `model.py` for the data and DESIGN.md
for the contract.
"""

from newsdiff_gui.core.align.engine import align
from newsdiff_gui.core.align.invariants import check_invariants
from newsdiff_gui.core.align.model import (
    AlignOptions,
    ChangeKind,
    Diff,
    DiffStats,
    Row,
    TitleChange,
    Token,
    TokenOp,
)

__all__ = [
    "AlignOptions",
    "ChangeKind",
    "Diff",
    "DiffStats",
    "Row",
    "TitleChange",
    "Token",
    "TokenOp",
    "align",
    "check_invariants",
]
