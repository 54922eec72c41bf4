"""The line above the panes counts rows as the panes flag them, in words that agree."""

from __future__ import annotations

from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.view.summary import summary_text

OPENING = "The harbour council voted on Monday to add two evening crossings to the ferry."
COST = "The change takes effect in April and will cost about 300,000 euros a year."
QUOTE = "Councillor Ada Brook said the vote was “long overdue for island workers”."


def test_a_removed_quote_is_counted_in_the_summary() -> None:
    text = summary_text(
        align(Document("Ferry", (OPENING, COST, QUOTE)), Document("Ferry", (OPENING, COST)))
    )
    assert text == "1 paragraph removed · +0 / −12 words · 1 row with changed quotes (“)"


def test_counts_of_flagged_rows_take_the_plural() -> None:
    old = Document("Ferry", (OPENING, COST, "It costs 5 euros.", QUOTE))
    new = Document(
        "Ferry",
        (
            OPENING,
            COST.replace("300,000", "350,000"),
            "It costs 7 euros.",
            QUOTE.replace("long overdue", "overdue"),
            "The mayor said it was “a fair plan”.",
        ),
    )
    text = summary_text(align(old, new))
    assert "2 rows with changed numbers (#)" in text
    assert "2 rows with changed quotes (“)" in text


def test_regrouped_rows_and_moved_sentences_are_said() -> None:
    from newsdiff_gui.core.view.summary import change_phrases, notification_text
    from tests.core.view_diffs import rewrite_diff

    diff = rewrite_diff()
    assert change_phrases(diff) == [
        "1 paragraph edited",
        "1 removed",
        "1 regrouped",
        "1 sentence moved",
    ]
    assert notification_text(diff) == (
        "1 paragraph edited, 1 removed, 1 regrouped, 1 sentence moved (numbers changed)"
    )
