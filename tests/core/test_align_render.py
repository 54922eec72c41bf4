"""Text and HTML renderings of a diff: markers, labels, escaping, self-contained."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.align.render_html import render_html
from newsdiff_gui.core.align.render_text import render_text
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import SourceInfo, build_report, provenance, render_report_html

OLD = Document(
    title="Seven hurt as <roof> collapses",
    paragraphs=(
        "Seven people were hurt when the roof of the market collapsed on Monday.",
        "The market opened in 1962 and was crowded with shoppers at the time.",
        "Police said the building had been inspected & passed last year.",
        "A spokesman for the council declined to comment on the inspection.",
    ),
)
NEW = Document(
    title="Eight hurt as <roof> collapses",
    paragraphs=(
        "At least eight people were hurt when the roof of the market collapsed on Monday.",
        "A spokesman for the council declined to comment on the inspection.",
        "The market opened in 1962 and was crowded with shoppers at the time.",
        "Firefighters worked through the night.",
    ),
)


def test_text_rendering_marks_every_kind() -> None:
    diff = align(OLD, NEW)
    kinds = {row.kind for row in diff.rows}
    assert {ChangeKind.EDITED, ChangeKind.MOVED, ChangeKind.REMOVED, ChangeKind.ADDED} <= kinds
    text = render_text(diff)
    lines = text.splitlines()
    assert lines[0].startswith("~ title (edited): [-Seven-]{+Eight+}")
    headers = [line for line in lines if line[:2] in ("~ ", "+ ", "- ", "> ", "  ")]
    assert any(h.startswith("~ [edited ¶1 → ¶1") and "numbers changed" in h for h in headers)
    assert any(h.startswith("> [moved ¶4 → ¶2 (moved from after old ¶3") for h in headers)
    assert any(h.startswith("- [removed ¶3 → —]") for h in headers)
    assert any(h.startswith("+ [added — → ¶4]") for h in headers)
    assert "[-Seven-]{+At least eight+} people" in text
    assert "\x1b" not in text


def test_colored_text_uses_styles_not_brackets() -> None:
    text = render_text(align(OLD, NEW), color=True)
    assert "\x1b[9;31mSeven\x1b[0m\x1b[4;34mAt least eight\x1b[0m" in text
    assert "[-Seven-]" not in text


def test_html_is_escaped_self_contained_and_labelled() -> None:
    diff = align(OLD, NEW)
    page = render_html(diff)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "&lt;roof&gt;" in page and "<roof>" not in page and "inspected &amp; passed" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<script" not in page and "@import" not in page and "url(" not in page
    for label in ("~ Edited", "→ Moved", "− Removed", "+ Added"):
        assert label in page
    assert "<del>Seven</del><ins>At least eight</ins>" in page
    assert "text-decoration: line-through" in page and "text-decoration: underline" in page
    assert "prefers-color-scheme: dark" in page
    # The moved row and the place it left link to each other.
    moved = 1 + next(i for i, row in enumerate(diff.rows) if row.kind is ChangeKind.MOVED)
    assert f'href="#from-{moved}"' in page and f'id="from-{moved}"' in page
    assert f'href="#row-{moved}"' in page and f'id="row-{moved}"' in page


def test_html_numbers_rows_as_the_report_does() -> None:
    """The diff page and the report share anchors: #row-0 is the headline, #row-1 row 1."""
    diff = align(OLD, NEW)
    page = render_html(diff)
    when = datetime(2026, 3, 10, tzinfo=UTC)
    sources = provenance(
        article_url=None,
        old=SourceInfo("old"),
        new=SourceInfo("new"),
        options=diff.options,
        exported_at=when,
    )
    report = render_report_html(build_report(diff, sources))
    assert '<h1 class="row edited" id="row-0">' in page
    ids = re.findall(r'id="(row-\d+)"', page)
    assert ids == [f"row-{n}" for n in range(len(diff.rows) + 1)]
    assert ids == re.findall(r'<a id="(row-\d+)"></a>', report)


def test_moved_from_points_at_the_old_neighbour_row() -> None:
    diff = align(OLD, NEW)
    moved = next(i for i, row in enumerate(diff.rows) if row.kind is ChangeKind.MOVED)
    origin = diff.moved_from(moved)
    # Old ¶4 used to follow old ¶3, which was removed; its row is the origin.
    assert diff.rows[origin].old == (2,)
    assert diff.row_of_old(3) == moved and diff.row_of_new(1) == moved


def test_text_shows_moved_sentences_with_their_other_place_and_word_changes() -> None:
    from tests.core.view_diffs import rewrite_diff

    text = render_text(rewrite_diff())
    assert "{← ¶2: [- Seven-]{+ At least eight+} people died.}" in text
    assert "[→ ¶1: Seven people died.][- Roads closed.-]" in text
    assert "[removed ¶2 → — (but its first sentence moved to ¶1)]" in text
    assert "~ [regrouped ¶3+¶4 → ¶2+¶3 (similarity 0.80)]" in text
    assert "1 regrouped, 1 sentence moved, 1 unchanged" in text
    coloured = render_text(rewrite_diff(), color=True)
    assert "\x1b[36m← ¶2:\x1b[0m" in coloured and "[→" not in coloured


def test_html_links_moved_sentences_to_the_rows_they_name() -> None:
    from tests.core.view_diffs import rewrite_diff

    html = render_html(rewrite_diff())
    assert (
        '<span class="moved-text" title="moved in"><a class="ref" href="#row-2">← ¶2</a> '
        "<del> Seven</del><ins> At least eight</ins> people died.</span>"
    ) in html
    assert '<a class="ref" href="#row-1">→ ¶1</a> Seven people died.</span>' in html
    assert 'id="row-1"' in html and 'id="row-2"' in html
    assert '<div class="row regrouped" id="row-3"><div class="label">⇄ Regrouped' in html
    assert "but its first sentence moved to ¶1" in html
