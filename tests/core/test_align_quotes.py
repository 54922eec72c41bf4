"""A quote that leaves or arrives with its paragraph is a changed quote, and is counted."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.align.facts import flag_lone_quotes, quote_changed, quotes_read_alike
from newsdiff_gui.core.align.model import plain_row
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import SourceInfo, build_report, provenance
from newsdiff_gui.core.report.render_html import render_report_html

OPENING = "The harbour council voted on Monday to add two evening crossings to the ferry."
COST = "The change takes effect in April and will cost about 300,000 euros a year."
QUOTE = "Councillor Ada Brook said the vote was “long overdue for island workers”."


def test_a_removed_paragraph_with_a_quote_is_flagged() -> None:
    diff = align(Document("Ferry", (OPENING, COST, QUOTE)), Document("Ferry", (OPENING, COST)))
    (removed,) = [row for row in diff.rows if row.kind is ChangeKind.REMOVED]
    assert removed.quote_changed
    assert not removed.numbers_changed


def test_an_added_paragraph_with_a_quote_is_flagged() -> None:
    diff = align(Document("Ferry", (OPENING, COST)), Document("Ferry", (OPENING, COST, QUOTE)))
    (added,) = [row for row in diff.rows if row.kind is ChangeKind.ADDED]
    assert added.quote_changed


def test_a_quote_that_still_stands_elsewhere_is_not_flagged() -> None:
    rewritten = "Ada Brook, who backed the plan, called it “long overdue for island workers”."
    diff = align(
        Document("Ferry", (OPENING, COST, QUOTE)),
        Document("Ferry", (OPENING, COST, "A new paragraph with no quote at all.", rewritten)),
    )
    lone = [row for row in diff.rows if row.kind in (ChangeKind.ADDED, ChangeKind.REMOVED)]
    assert lone and not any(row.quote_changed for row in lone)


def test_removed_paragraphs_without_quotes_are_not_flagged() -> None:
    diff = align(Document("Ferry", (OPENING, COST, QUOTE)), Document("Ferry", (OPENING, QUOTE)))
    assert not any(row.quote_changed for row in diff.rows)


def test_the_report_counts_the_removed_quote() -> None:
    diff = align(Document("Ferry", (OPENING, COST, QUOTE)), Document("Ferry", (OPENING, COST)))
    when = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    source = SourceInfo("Version 1", 1, when, "a" * 64, 100, 200, None, "fetch", "x 1")
    report = build_report(
        diff,
        provenance(
            article_url="https://example.org/ferry",
            old=source,
            new=source,
            options=diff.options,
            exported_at=when,
        ),
    )
    assert report.summary.quote_changed_rows == 1
    html = render_report_html(report)
    assert "1 row with changed quotes" in html
    assert "0 rows with changed numbers" in html


def test_a_removed_quote_standing_mis_decoded_in_an_edited_paragraph_is_not_lone() -> None:
    # Only paragraphs that may hold a removed or added quote are read for it,
    # and a mis-decoded copy ("SeÃ±ora") holds it once decoding is undone.
    old = ["The mayor spoke on Monday.", "She said “Señora Ruiz will stay on”."]
    rows = [
        plain_row(ChangeKind.EDITED, (0,), (0,), 0.8),
        plain_row(ChangeKind.REMOVED, (1,), (), None),
    ]
    for new, lone in (
        ("The mayor spoke on Monday: “SeÃ±ora Ruiz will stay on”.", False),
        ("The mayor spoke on Monday: “Ruiz will stay on”.", True),
        ("The mayor spoke on Monday about Señora Ruiz.", True),
    ):
        flagged = flag_lone_quotes(rows, old, [new])
        assert flagged[1].quote_changed is lone
        assert not flagged[0].quote_changed


def test_quotes_read_alike_only_where_whitespace_cannot_change_them() -> None:
    # A double quote is read across a paragraph break; a single-quoted one is
    # not, so a text with a mark that may open one is not known to read alike.
    double = ("She said “the ferry\n\nwill run” today.", "She said “the ferry will run” today.")
    single = ("She said 'the ferry\n\nwill run' today.", "She said 'the ferry will run' today.")
    assert all(quotes_read_alike(text) for text in double)
    assert not quote_changed(*double)
    assert not any(quotes_read_alike(text) for text in single)
    assert quote_changed(*single)
    # Apostrophes open nothing; a sign of mis-decoding is not known to read alike.
    assert quotes_read_alike("It’s O’Brien’s ferry.")
    assert not quotes_read_alike("The SeÃ±ora ferry.")
