"""A `Report` as JSON: DESIGN.md's diff object (schema 2) plus `provenance`, `review`
and `annotations`, so a script can verify the captures and read the notes."""

from __future__ import annotations

from typing import Any

from newsdiff_gui.core.align.model import Diff
from newsdiff_gui.core.report.model import Endnote, Report, SourceInfo
from newsdiff_gui.core.timeutil import to_iso


def _source(info: SourceInfo) -> dict[str, Any]:
    return {
        "label": info.label,
        "number": info.number,
        "captured_at": to_iso(info.captured_at) if info.captured_at else None,
        "sha256": info.sha256,
        "size": info.size,
        "http_status": info.http_status,
        "url": info.url,
        "source": info.source,
        "extractor": info.extractor,
    }


def _annotation(note: Endnote) -> dict[str, Any]:
    # `row` indexes the diff's `rows` (0-based, as in the diff JSON); "title" is the
    # headline and null a detached note.
    row: int | str | None = None
    if note.row is not None:
        row = "title" if note.row.is_headline else note.row.index
    return {
        "number": note.number,
        "row": row,
        "detached": note.row is None,
        "state": note.state.value,
        "note": note.note,
        "tags": list(note.tags),
        "author": note.author,
        "created_at": to_iso(note.created_at),
        "updated_at": to_iso(note.updated_at),
        "excerpt": note.excerpt,
    }


def report_json(report: Report, diff: Diff) -> dict[str, Any]:
    """The whole diff (every row, whatever the report's row options) with the rest added."""
    provenance = report.provenance
    data = diff.to_json_dict()
    data["provenance"] = {
        "article_url": provenance.article_url,
        "outlet": provenance.outlet,
        "old": _source(provenance.old),
        "new": _source(provenance.new),
        "app_version": provenance.app_version,
        "align_options": dict(provenance.align_options),
        "exported_at": to_iso(provenance.exported_at),
        "signing_key_sha256": provenance.signing_key.fingerprint
        if provenance.signing_key
        else None,
        "signing_public_key": provenance.signing_key.public_key if provenance.signing_key else None,
    }
    summary = report.summary
    data["review"] = {
        "states": {state.value: count for state, count in summary.review_states},
        "notes": summary.notes,
        "detached_notes": summary.detached_notes,
        "numbers_changed_rows": summary.numbers_changed_rows,
        "quote_changed_rows": summary.quote_changed_rows,
    }
    data["annotations"] = [_annotation(note) for note in (*report.notes, *report.detached)]
    data["annotations"].sort(key=lambda item: item["number"])
    return data
