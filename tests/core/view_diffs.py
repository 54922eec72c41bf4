"""Hand-made schema-2 diffs for the view and renderer tests (the aligner is not needed).

`rewrite_diff()`: the lede gained a sentence that moved in, edited, from a removed
paragraph ("Seven people died." → "At least eight people died."); two paragraphs
exchanged sentences (regrouped); a last paragraph is unchanged.
"""

from __future__ import annotations

from newsdiff_gui.core.align.model import (
    ChangeKind,
    Diff,
    DiffStats,
    Row,
    TitleChange,
    Token,
    TokenOp,
)
from newsdiff_gui.core.document import Document

OLD = Document(
    "Storm hits coast",
    (
        "Storm hits coast.",
        "Seven people died. Roads closed.",
        "Schools shut. Power cut.",
        "Shops shut. Power back.",
        "Crews worked all night.",
    ),
)
NEW = Document(
    "Storm hits coast",
    (
        "Storm hits coast. At least eight people died.",
        "Schools shut. Power back.",
        "Shops shut. Power cut.",
        "Crews worked all night.",
    ),
)

EDITED_MOVE = Token(
    TokenOp.MOVED_IN,
    " At least eight people died.",
    row=1,
    tokens=(
        Token(TokenOp.DELETE, " Seven"),
        Token(TokenOp.INSERT, " At least eight"),
        Token(TokenOp.EQUAL, " people died."),
    ),
    numbers_changed=True,
)


def rewrite_diff() -> Diff:
    rows = (
        Row(
            ChangeKind.EDITED,
            (0,),
            (0,),
            0.6,
            tokens=(Token(TokenOp.EQUAL, "Storm hits coast."), EDITED_MOVE),
            numbers_changed=True,
        ),
        Row(
            ChangeKind.REMOVED,
            (1,),
            (),
            None,
            tokens=(
                Token(TokenOp.MOVED_OUT, "Seven people died.", row=0),
                Token(TokenOp.DELETE, " Roads closed."),
            ),
        ),
        Row(
            ChangeKind.REGROUPED,
            (2, 3),
            (1, 2),
            0.8,
            tokens=(
                Token(TokenOp.EQUAL, "Schools shut. "),
                Token(TokenOp.DELETE, "Power cut."),
                Token(TokenOp.INSERT, "Power back."),
                Token(TokenOp.EQUAL, "\n\nShops shut. "),
                Token(TokenOp.DELETE, "Power back."),
                Token(TokenOp.INSERT, "Power cut."),
            ),
        ),
        Row(ChangeKind.UNCHANGED, (4,), (3,), 1.0),
    )
    stats = DiffStats(
        unchanged=1,
        edited=1,
        removed=1,
        regrouped=1,
        sentences_moved=1,
        words_added=7,
        words_removed=7,
    )
    title = TitleChange(ChangeKind.UNCHANGED, (Token(TokenOp.EQUAL, OLD.title),))
    return Diff(OLD, NEW, title, rows, stats)
