"""The PDF on a schema-2 diff: moved sentences with their references, regrouped rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.report import Provenance, SourceInfo, build_report, provenance
from newsdiff_gui.pdf.report import render_pdf
from newsdiff_gui.pdf.text import TEXT, WHITE, Run
from newsdiff_gui.pdf.words import MOVED_TINT, moved_ink, row_tint, token_runs
from newsdiff_gui.ui.theme import contrast
from tests.ui.rewrite_diff import DISASTER, SEARCH, TOLL_OLD, TOLL_REST, rewrite_diff

pytestmark = pytest.mark.usefixtures("qapp")

WHEN = datetime(2026, 3, 5, 18, 5, tzinfo=UTC)


def rewrite_pdf(path: Path) -> str:
    """The rewrite's PDF, as pypdf reads it (its own line breaks joined)."""
    diff = rewrite_diff()
    prov = provenance(
        article_url="https://coastline-post.example/storm",
        old=SourceInfo("Version 1", 1, WHEN),
        new=SourceInfo("Version 2", 2, WHEN),
        options=diff.options,
        exported_at=WHEN,
    )
    render_pdf(build_report(diff, prov), path)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_moved_text_prints_with_the_reference_to_its_other_place(tmp_path: Path) -> None:
    text = rewrite_pdf(tmp_path / "rewrite.pdf")
    # The old toll sentence now stands in new ¶1; the new lede's came from old ¶1.
    assert "→ ¶1 Seven people were killed" in text
    assert "← ¶1 SevenAt least eight people" in text or "← ¶1 Seven At least eight" in text
    assert "regrouped old ¶2, ¶3" in text  # each paragraph named as the arrows name it
    assert "but its first sentence moved to ¶1" in text
    assert "1 sentence moved between paragraphs" in text
    # The rest of each side stays as it was: struck and underlined text around it.
    assert SEARCH.strip() in text and DISASTER.strip() in text


def test_an_edited_moved_sentence_keeps_its_word_changes_on_the_moved_tint() -> None:
    report_rows = build_report(rewrite_diff(), _any_provenance()).rows
    lede = next(row for row in report_rows if "At least eight" in row.new.text)
    runs = token_runs(lede.new.paragraphs[0], lede.kind)
    by_text: dict[str, Run] = {run.text: run for run in runs}
    assert by_text["←\u00a0¶1\u00a0"].format is not None
    seven, eight = by_text["Seven"].format, by_text["At least eight"].format
    assert seven is not None and seven.fontStrikeOut()
    assert eight is not None and eight.fontUnderline()
    rest = by_text[TOLL_REST].format
    assert rest is not None and rest.background().color() == MOVED_TINT
    old = next(row for row in report_rows if TOLL_OLD in row.old.text)
    old_runs = {run.text: run for run in token_runs(old.old.paragraphs[0], old.kind)}
    moved = old_runs[TOLL_OLD].format
    assert moved is not None and moved.background().color() == MOVED_TINT


def _any_provenance() -> Provenance:
    diff = rewrite_diff()
    info = SourceInfo("Version 1")
    return provenance(article_url=None, old=info, new=info, options=diff.options, exported_at=WHEN)


def test_moved_text_and_its_reference_stay_readable() -> None:
    assert contrast(TEXT, MOVED_TINT) >= 4.5
    for kind in ChangeKind:
        assert contrast(moved_ink(kind), row_tint(kind) or WHITE) >= 4.5, kind
