"""The evidence report: provenance, summary, rows as on screen, notes, and the HTML/JSON forms."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from newsdiff_gui.core.align import ChangeKind, Diff, TokenOp, align
from newsdiff_gui.core.annotations import (
    Anchor,
    AnchorKind,
    Annotation,
    ReviewState,
    row_anchor,
    title_anchor,
)
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report import (
    Omitted,
    Provenance,
    ReportOptions,
    SourceInfo,
    build_report,
    provenance,
    render_report_html,
    report_json,
)
from newsdiff_gui.core.rows import RowKey

T0 = datetime(2026, 3, 10, 6, 12, tzinfo=UTC)
FILLER = [
    f"Background paragraph {n} about the harbour and its long history of trade." for n in range(12)
]
OLD = Document(
    "Fire at Rivermouth plant",
    (
        "One worker died and four were taken to hospital on Tuesday, the fire service said.",
        *FILLER[:6],
        "“Everyone has been accounted for,” said the plant manager.",
        *FILLER[6:],
    ),
)
NEW = Document(
    "Two dead after fire at Rivermouth plant",
    (
        "Two workers died and four were taken to hospital on Tuesday, the fire service said.",
        *FILLER[:6],
        *FILLER[6:],
        "An investigation <img src='http://127.0.0.1:9/x'> has been opened.",
    ),
)
SHA_OLD = "a" * 64
SHA_NEW = "b" * 64


def _provenance() -> Provenance:
    return provenance(
        article_url="https://www.gazette.example/news/fire",
        old=SourceInfo("Version 1", 1, T0, SHA_OLD, 5120, 200, None, "fetch", "x 1"),
        new=SourceInfo(
            "Version 2", 2, T0 + timedelta(hours=8), SHA_NEW, 6144, 200, None, "fetch", "x 1"
        ),
        options=align(OLD, NEW).options,
        exported_at=T0 + timedelta(days=1),
    )


def _notes(diff: Diff) -> list[Annotation]:
    edited = next(i for i, r in enumerate(diff.rows) if r.kind is ChangeKind.EDITED)
    lost = Anchor(AnchorKind.ROW, ("0" * 64,), (), (3,), (), "A paragraph that is gone")
    return [
        Annotation(
            1,
            1,
            1,
            2,
            row_anchor(diff, RowKey.body(edited)),
            "Toll up: <b>two</b>",
            ReviewState.SIGNIFICANT,
            ("toll",),
            "Ana",
            T0,
            T0,
        ),
        Annotation(
            2,
            1,
            1,
            2,
            title_anchor(diff),
            "Headline rewritten",
            ReviewState.CORRECTION,
            (),
            "Ben",
            T0,
            T0 + timedelta(minutes=3),
        ),
        Annotation(
            3, 1, 1, 2, lost, "Written on an older alignment", ReviewState.MINOR, (), "Ana", T0, T0
        ),
    ]


def test_report_holds_provenance_summary_rows_and_notes() -> None:
    diff = align(OLD, NEW)
    report = build_report(diff, _provenance(), _notes(diff))
    fields = dict(report.provenance.header_fields())
    assert fields["Outlet"] == "gazette.example"
    assert fields["Old SHA-256"] == SHA_OLD and fields["New SHA-256"] == SHA_NEW
    assert (
        "captured 2026-03-10T06:12:00Z" in fields["Old version"]
        and "HTTP 200" in fields["Old version"]
    )
    assert "pair_min_similarity=0.4" in fields["Alignment"]
    assert fields["Exported"].startswith("2026-03-11T06:12:00Z")
    # One row per diff row, after the headline; tokens split by side.
    assert [row.number for row in report.rows] == list(range(len(diff.rows) + 1))
    title = report.rows[0]
    assert title.is_title and title.notes == (1,)
    edited = next(row for row in report.rows[1:] if row.kind is ChangeKind.EDITED)
    assert {t.op for p in edited.old.paragraphs for t in p} <= {TokenOp.EQUAL, TokenOp.DELETE}
    assert {t.op for p in edited.new.paragraphs for t in p} <= {TokenOp.EQUAL, TokenOp.INSERT}
    assert edited.old.text == OLD.paragraphs[0] and edited.new.text == NEW.paragraphs[0]
    assert edited.numbers_changed and edited.notes == (2,)
    assert edited.review is ReviewState.SIGNIFICANT and title.review is ReviewState.CORRECTION
    removed = next(row for row in report.rows if row.kind is ChangeKind.REMOVED)
    assert removed.new.paragraphs == () and removed.label == "removed"
    # Notes: numbered in reading order, the lost one detached with its text.
    assert [(n.number, n.where) for n in report.notes] == [
        (1, "headline"),
        (2, f"row {edited.number}"),
    ]
    assert [(n.number, n.excerpt) for n in report.detached] == [(3, "A paragraph that is gone")]
    assert "edited 2026-03-10T06:15:00Z" in report.notes[0].byline
    summary = report.summary
    assert summary.title_changed and summary.numbers_changed_rows >= 1
    states = dict(summary.review_states)
    assert states[ReviewState.SIGNIFICANT] == 1 and states[ReviewState.CORRECTION] == 1
    changed = sum(1 for row in diff.rows if row.kind is not ChangeKind.UNCHANGED) + 1
    assert sum(states.values()) == changed
    assert summary.notes == 3 and summary.detached_notes == 1


def test_moved_rows_name_their_counterpart() -> None:
    old = Document("T", tuple(FILLER[:6]))
    new = Document("T", (FILLER[4], *FILLER[:4], FILLER[5]))
    report = build_report(align(old, new), _provenance())
    moved = [row for row in report.rows if row.kind is ChangeKind.MOVED]
    assert len(moved) == 1 and moved[0].marker.startswith("↓")
    stood_after = moved[0].moved_from
    assert stood_after is not None and not stood_after.is_headline
    assert moved[0].label == f"moved ↓ (stood after {stood_after.label})"
    origin = next(row for row in report.rows if row.key == stood_after)
    assert origin.origin_of == (moved[0].key,)


def test_changes_only_keeps_context_and_says_what_it_left_out() -> None:
    diff = align(OLD, NEW)
    full = build_report(diff, _provenance())
    short = build_report(diff, _provenance(), options=ReportOptions(changes_only=True, context=1))
    omitted = [item for item in short.body if isinstance(item, Omitted)]
    assert omitted and len(short.rows) < len(full.rows)
    assert sum(o.count for o in omitted) + len(short.rows) == len(full.rows)
    kept = {row.number for row in short.rows}
    for row in full.rows:
        if row.is_change:
            assert {row.number - 1, row.number, row.number + 1} & set(range(len(full.rows))) <= kept
    assert omitted[0].text.startswith(f"… {omitted[0].count} unchanged paragraphs not shown (rows ")
    none = build_report(diff, _provenance(), options=ReportOptions(changes_only=True, context=0))
    assert all(row.is_change or row.origin_of for row in none.rows[1:])


def test_no_notes_leaves_every_trace_of_them_out() -> None:
    diff = align(OLD, NEW)
    report = build_report(diff, _provenance(), _notes(diff), ReportOptions(include_notes=False))
    assert report.notes == () and report.detached == ()
    assert all(row.notes == () for row in report.rows) and report.summary.review_states == ()
    assert "Toll up" not in render_report_html(report)


def test_html_is_self_contained_escaped_and_complete() -> None:
    diff = align(OLD, NEW)
    html = render_report_html(build_report(diff, _provenance(), _notes(diff)))
    assert SHA_OLD in html and SHA_NEW in html and "https://www.gazette.example/news/fire" in html
    # Article text and notes are text, never markup: nothing to load, nothing to run.
    assert "<img" not in html and "&lt;img src=&#x27;http://127.0.0.1:9/x&#x27;&gt;" in html
    assert "Toll up: &lt;b&gt;two&lt;/b&gt;" in html
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "default-src 'none'" in html
    assert "<del>" in html and "<ins>" in html and "Detached notes" in html
    for label in ("edited", "removed", "added"):
        assert label in html


def test_json_is_the_diff_plus_provenance_review_and_annotations() -> None:
    diff = align(OLD, NEW)
    data = report_json(build_report(diff, _provenance(), _notes(diff)), diff)
    json.dumps(data)  # serialisable as is
    assert data["schema"] == 2 and data["rows"] == diff.to_json_dict()["rows"]
    assert data["provenance"]["old"]["sha256"] == SHA_OLD
    assert data["provenance"]["new"]["captured_at"] == "2026-03-10T14:12:00Z"
    assert data["provenance"]["align_options"]["pair_min_similarity"] == "0.4"
    by_number = {a["number"]: a for a in data["annotations"]}
    assert (
        by_number[1]["row"] == "title" and by_number[3]["row"] is None and by_number[3]["detached"]
    )
    edited = next(i for i, r in enumerate(diff.rows) if r.kind is ChangeKind.EDITED)
    assert by_number[2]["row"] == edited and by_number[2]["state"] == "significant"
    assert data["review"]["states"]["correction"] == 1


def test_report_shows_moved_sentences_regrouped_rows_and_links_between_them() -> None:
    from newsdiff_gui.core.report.model import Piece
    from tests.core.view_diffs import rewrite_diff

    diff = rewrite_diff()
    report = build_report(diff, _provenance())
    lede, gone, regrouped = report.rows[1], report.rows[2], report.rows[3]
    (moved_in,) = [p for p in lede.new.paragraphs[0] if p.op is TokenOp.MOVED_IN]
    assert isinstance(moved_in, Piece) and moved_in.ref is not None
    assert moved_in.ref.label == "← ¶2" and moved_in.ref.there.number == gone.number
    assert [w.op for w in moved_in.words] == [TokenOp.DELETE, TokenOp.INSERT, TokenOp.EQUAL]
    assert not [p for p in lede.old.paragraphs[0] if p.op.moved]
    assert gone.label == "removed, but its first sentence moved to ¶1"
    assert [p.op for p in gone.old.paragraphs[0]] == [TokenOp.MOVED_OUT, TokenOp.DELETE]
    assert regrouped.kind is ChangeKind.REGROUPED and regrouped.marker == "⇄"
    assert len(regrouped.old.paragraphs) == len(regrouped.new.paragraphs) == 2
    html = render_report_html(report)
    assert '<a class="ref" href="#row-2">← ¶2</a> <del> Seven</del>' in html
    assert '<a class="ref" href="#row-1">→ ¶1</a> Seven people died.' in html
    assert "⇄</strong> regrouped" in html and "1 sentence moved" in html
