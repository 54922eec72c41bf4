"""A hand-made schema-2 diff of an outlet's rewrite, for the readers' tests.

The updated toll ("Seven" → "At least eight") moved out of an old paragraph
that is otherwise gone into a new lede; two paragraphs exchanged a sentence
(regrouped); the last paragraph is unchanged. Written by hand so the panes,
the PDF and the notifier are tested on schema 2 whatever the aligner does.
"""

from __future__ import annotations

from newsdiff_gui.core.align import ChangeKind, Diff, DiffStats, Row, TitleChange, Token, TokenOp
from newsdiff_gui.core.document import Document

TOLL_OLD = "Seven people were killed when the storm hit the coast on Monday, officials said."
TOLL_NEW = (
    "At least eight people were killed when the storm hit the coast on Monday, officials said."
)
TOLL_REST = " people were killed when the storm hit the coast on Monday, officials said."
SEARCH = " Rescue teams are still searching the flooded valley."
DISASTER = " Emergency services declared a disaster."
WINDS = "The storm brought winds of 120 km/h. Power was cut to thousands of homes."
SCHOOLS = "Schools were closed across the region."
ROADS = "Roads were flooded in several towns."
MAYOR = "The mayor said the city would recover. She thanked the volunteers who helped."

OLD = Document("Storm hits the coast", (TOLL_OLD + SEARCH, WINDS, f"{SCHOOLS} {ROADS}", MAYOR))
NEW = Document(
    "Storm hits the coast",
    (TOLL_NEW + DISASTER, f"{WINDS} {SCHOOLS}", ROADS, MAYOR),
)

# Display rows: 0 the new lede (added, holding the moved toll sentence), 1 the old
# lede (removed, its toll sentence moved to row 0), 2 the regrouped pair, 3 unchanged.
LEDE_ROW, GONE_ROW, REGROUPED_ROW, UNCHANGED_ROW = 0, 1, 2, 3

MOVED_IN = Token(
    TokenOp.MOVED_IN,
    TOLL_NEW,
    row=GONE_ROW,
    numbers_changed=True,
    tokens=(
        Token(TokenOp.DELETE, "Seven"),
        Token(TokenOp.INSERT, "At least eight"),
        Token(TokenOp.EQUAL, TOLL_REST),
    ),
)
MOVED_OUT = Token(TokenOp.MOVED_OUT, TOLL_OLD, row=LEDE_ROW)


def rewrite_diff() -> Diff:
    rows = (
        Row(
            ChangeKind.ADDED,
            (),
            (0,),
            None,
            tokens=(MOVED_IN, Token(TokenOp.INSERT, DISASTER)),
            numbers_changed=True,
        ),
        Row(ChangeKind.REMOVED, (0,), (), None, tokens=(MOVED_OUT, Token(TokenOp.DELETE, SEARCH))),
        Row(
            ChangeKind.REGROUPED,
            (1, 2),
            (1, 2),
            0.9,
            tokens=(
                Token(TokenOp.EQUAL, WINDS),
                Token(TokenOp.DELETE, "\n\n"),
                Token(TokenOp.INSERT, " "),
                Token(TokenOp.EQUAL, SCHOOLS),
                Token(TokenOp.DELETE, " "),
                Token(TokenOp.INSERT, "\n\n"),
                Token(TokenOp.EQUAL, ROADS),
            ),
        ),
        Row(ChangeKind.UNCHANGED, (3,), (3,), 1.0),
    )
    title = TitleChange(ChangeKind.UNCHANGED, (Token(TokenOp.EQUAL, OLD.title),))
    stats = DiffStats(
        unchanged=1,
        added=1,
        removed=1,
        regrouped=1,
        sentences_moved=1,
        words_added=3 + 5,
        words_removed=1 + 8,
    )
    return Diff(OLD, NEW, title, rows, stats)
