"""The reader's view: one numbering, move references both ways, labels said once."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdiff_gui.core.align import ChangeKind, TokenOp, align
from newsdiff_gui.core.annotations import (
    Annotation,
    ReviewState,
    row_anchor,
    title_anchor,
)
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.view import RowKey, build_view
from tests.core.view_diffs import rewrite_diff

T0 = datetime(2026, 3, 10, 6, 12, tzinfo=UTC)
PARAGRAPHS = [
    f"Paragraph {n} tells of the harbour, its trade and the people who worked there."
    for n in range(10)
]


def test_moved_text_points_both_ways_with_paragraph_numbers() -> None:
    view = build_view(rewrite_diff())
    lede, gone = view.rows[0], view.rows[1]
    (into_lede,) = lede.references
    assert into_lede.op is TokenOp.MOVED_IN and into_lede.token == 1
    assert into_lede.there == gone.key and into_lede.label == "← ¶2"  # old ¶2
    (out_of_gone,) = gone.references
    assert out_of_gone.there == lede.key and out_of_gone.label == "→ ¶1"  # new ¶1
    assert gone.reference(0) == out_of_gone and gone.reference(1) is None


def test_a_removed_row_says_where_its_sentence_went() -> None:
    view = build_view(rewrite_diff())
    assert view.rows[1].label == "removed, but its first sentence moved to ¶1"
    assert view.rows[0].label == "edited"
    assert view.rows[2].label == "regrouped" and view.rows[2].marker == "⇄"


def test_moved_paragraphs_say_where_they_stood_and_leave_a_mark_there() -> None:
    old = Document("T", tuple(PARAGRAPHS))
    new = Document("T", (PARAGRAPHS[5], *PARAGRAPHS[:5], *PARAGRAPHS[6:]))
    diff = align(old, new)
    view = build_view(diff)
    moved = next(row for row in view.rows if row.kind is ChangeKind.MOVED)
    assert moved.moved_from is not None
    assert moved.moved_from.after == RowKey.body(diff.moved_from(moved.key.index))
    assert moved.label == f"moved ↓ (stood after {moved.moved_from.after.label})"
    assert moved.marker == "↓"
    origin = view.row(moved.moved_from.after)
    assert origin.origin_of == (moved.key,)


def test_a_paragraph_that_opened_the_article_stood_after_the_top() -> None:
    old = Document("T", tuple(PARAGRAPHS))
    new = Document("T", (*PARAGRAPHS[1:], PARAGRAPHS[0]))
    view = build_view(align(old, new))
    moved = [row for row in view.rows if row.moved_from is not None]
    assert moved and moved[0].moved_from is not None and moved[0].moved_from.opened_article
    assert "(stood after the top)" in moved[0].label
    assert view.headline.origin_of == (moved[0].key,)


def test_notes_and_verdicts_land_on_row_keys() -> None:
    diff = rewrite_diff()

    def note(number: int, anchor_row: int | None, state: ReviewState, text: str) -> Annotation:
        anchor = (
            title_anchor(diff) if anchor_row is None else row_anchor(diff, RowKey.body(anchor_row))
        )
        return Annotation(number, 1, 1, 2, anchor, text, state, (), "Ana", T0, T0)

    view = build_view(
        diff,
        [
            note(1, None, ReviewState.CORRECTION, "Headline"),
            note(2, 1, ReviewState.SIGNIFICANT, "Toll sentence moved"),
            note(3, 1, ReviewState.UNREVIEWED, ""),
        ],
    )
    assert view.headline.notes == (1,) and view.headline.review is ReviewState.CORRECTION
    assert view.rows[1].notes == (2,) and view.rows[1].review is ReviewState.SIGNIFICANT
    assert (
        build_view(diff, [note(1, 1, ReviewState.MINOR, "x")], include_notes=False).rows[1].notes
        == ()
    )
