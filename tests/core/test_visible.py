"""Bidirectional controls and invisible characters are shown, never obeyed (issue 9, item 3).

A paragraph that changed "12" to U+202E "21" U+202C draws as "12" in a browser:
every rendering must show the override as a marker and the digits as they are.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from newsdiff_gui.core.align import ChangeKind, Diff, align
from newsdiff_gui.core.align.render_html import render_html
from newsdiff_gui.core.align.render_text import render_text
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import (
    Provenance,
    ReportOptions,
    SourceInfo,
    build_report,
    provenance,
    render_report_html,
    report_json,
)
from newsdiff_gui.core.visible import (
    document_has_hidden_characters,
    has_hidden_characters,
    visible_html,
    visible_segments,
    visible_text,
)

RLO, PDF = "\u202e", "\u202c"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
OLD_PARAGRAPH = "The council said 12 homes were flooded when the river burst its banks."
NEW_PARAGRAPH = f"The council said {RLO}21{PDF} homes were flooded when the river burst its banks."
FILLER = "Residents were moved to the school hall overnight, a spokesman said."


def reversed_pair() -> Diff:
    old = Document("Flood in Rivermouth", (OLD_PARAGRAPH, FILLER))
    new = Document(f"Flood in Rivermouth {RLO}kcab{PDF}", (NEW_PARAGRAPH, FILLER))
    return align(old, new)


def _report_html(diff: Diff) -> str:
    return render_report_html(build_report(diff, _provenance(diff), options=ReportOptions()))


def _provenance(diff: Diff) -> Provenance:
    moment = datetime(2026, 3, 10, 6, 12, tzinfo=UTC)
    return provenance(
        article_url="https://gazette.example/flood",
        old=SourceInfo("Version 1", 1, moment),
        new=SourceInfo("Version 2", 2, moment),
        options=diff.options,
        exported_at=moment,
    )


def test_the_pair_is_an_edit_of_the_figure() -> None:
    diff = reversed_pair()
    row = diff.rows[0]
    assert row.kind is ChangeKind.EDITED and row.numbers_changed
    # The tokens keep the true characters: they must rebuild the text (invariant 3).
    assert "".join(t.text for t in row.tokens if t.op.value != "delete") == NEW_PARAGRAPH


def test_render_text_shows_markers_and_the_digits_as_stored() -> None:
    text = render_text(reversed_pair())
    assert "{+⟨RLO⟩21⟨PDF⟩+}" in text
    assert "[-12-]" in text
    assert "⟨RLO⟩kcab⟨PDF⟩" in text  # the title too
    assert not set(BIDI_CONTROLS) & set(text)


def test_render_text_in_colour_shows_markers_too() -> None:
    text = render_text(reversed_pair(), color=True)
    assert "⟨RLO⟩21⟨PDF⟩" in text and RLO not in text


def test_render_html_isolates_each_marker() -> None:
    html = render_html(reversed_pair())
    assert (
        '<ins><bdi class="hidden-char" title="U+202E RIGHT-TO-LEFT OVERRIDE">⟨RLO⟩</bdi>21' in html
    )
    assert "⟨PDF⟩</bdi></ins>" in html
    assert "<title>Diff: Flood in Rivermouth ⟨RLO⟩kcab⟨PDF⟩</title>" in html
    assert not set(BIDI_CONTROLS) & set(html)


def test_html_report_shows_markers_and_its_json_keeps_the_characters() -> None:
    diff = reversed_pair()
    html = _report_html(diff)
    assert "⟨RLO⟩</bdi>21<bdi" in html
    assert "<h1>Flood in Rivermouth <bdi" in html
    assert not set(BIDI_CONTROLS) & set(html)
    report = build_report(diff, _provenance(diff))
    new_cell = report.rows[1].new
    assert new_cell.text.startswith("The council said ⟨RLO⟩21⟨PDF⟩ homes")
    # JSON is for machines: the real characters, escaped by the JSON encoder.
    data = report_json(report, diff)
    assert data["new"]["paragraphs"][0] == NEW_PARAGRAPH
    assert "\\u202e21\\u202c" in json.dumps(data)
    assert diff.to_json_dict()["rows"][0]["tokens"][2]["text"] == f"{RLO}21{PDF}"


def test_split_rows_keep_their_paragraphs_when_made_visible() -> None:
    old = Document("T", (f"First part stays the same here. Second part {RLO}moves{PDF} on.",))
    new = Document("T", ("First part stays the same here.", f"Second part {RLO}moves{PDF} on."))
    diff = align(old, new)
    report = build_report(diff, _provenance(diff))
    cells = [row.new for row in report.rows[1:]]
    assert any(len(cell.paragraphs) == 2 for cell in cells) or len(cells) == 2
    assert "⟨RLO⟩moves⟨PDF⟩" in "\n".join(cell.text for cell in cells)


@pytest.mark.parametrize(
    ("char", "marker"),
    [
        ("\u202a", "⟨LRE⟩"),
        ("\u202b", "⟨RLE⟩"),
        ("\u202c", "⟨PDF⟩"),
        ("\u202d", "⟨LRO⟩"),
        ("\u202e", "⟨RLO⟩"),
        ("\u2066", "⟨LRI⟩"),
        ("\u2067", "⟨RLI⟩"),
        ("\u2068", "⟨FSI⟩"),
        ("\u2069", "⟨PDI⟩"),
        ("\u200e", "⟨LRM⟩"),
        ("\u200f", "⟨RLM⟩"),
        ("\u061c", "⟨ALM⟩"),
        ("\u2062", "⟨U+2062⟩"),
        ("\x07", "⟨U+0007⟩"),
        ("\U000e0041", "⟨U+E0041⟩"),
        ("\u3164", "⟨U+3164⟩"),
        ("\u034f", "⟨U+034F⟩"),
        ("\ufeff", "⟨U+FEFF⟩"),
    ],
)
def test_every_hidden_character_gets_a_marker(char: str, marker: str) -> None:
    assert visible_text(f"a{char}b") == f"a{marker}b"
    assert has_hidden_characters(f"a{char}b")


def test_visible_characters_stay_as_they_are() -> None:
    for text in [
        "Plain text, 12 homes.",
        "Zwei Häuser – «drei»",
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea",
        "\u0600\u0661\u0662",  # ARABIC NUMBER SIGN draws a sign of its own
        "❤️ 1️⃣ 👩\u200d👩\u200d👧",  # emoji sequences (ZWJ is a joiner, not hidden)
        "two paragraphs\n\njoined\tby layout",
    ]:
        assert visible_text(text) == text
        assert not has_hidden_characters(text)


def test_visible_text_is_idempotent_and_segments_rebuild_it() -> None:
    text = f"x{RLO}y\u2062z\x00"
    shown = visible_text(text)
    assert visible_text(shown) == shown
    segments = visible_segments(text)
    assert "".join(s.text for s in segments) == shown
    assert [s.hidden for s in segments if s.hidden] == [RLO, "\u2062", "\x00"]
    assert segments[1].description == "U+202E RIGHT-TO-LEFT OVERRIDE"


def test_visible_html_escapes_and_wraps_markers_only() -> None:
    html = visible_html(f"<b>{RLO}</b> ⟨ABC⟩")
    assert html.startswith("&lt;b&gt;<bdi class=")
    assert html.endswith("&lt;/b&gt; ⟨ABC⟩")


def test_document_detector_looks_at_every_shown_text() -> None:
    plain = Document("Title", ("One.", "Two."), byline="By Ana")
    assert not document_has_hidden_characters(plain)
    for changed in [
        Document(f"Ti{RLO}tle", ("One.",)),
        Document("Title", ("One.", "T\u2066wo\u2069.")),
        Document("Title", ("One.",), byline=f"By {RLO}anA"),
        Document("Title", ("One.",), dek="A \x1b summary"),
    ]:
        assert document_has_hidden_characters(changed)


def test_large_text_is_made_visible_in_linear_time() -> None:
    # A sanity bound only (timings live in benchmarks/robustness_text.py).
    import time

    text = ("word " * 200_000) + RLO
    started = time.monotonic()
    assert visible_text(text).endswith("⟨RLO⟩")
    assert time.monotonic() - started < 5
