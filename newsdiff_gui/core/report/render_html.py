"""A `Report` as one self-contained HTML file: no script, font, image or link to fetch.

The same content as the PDF: provenance, summary and legend, the two-column
diff with kind labels, redline words, move references and note numbers, then
the notes and any detached notes. Article text and notes are escaped; the page
has a Content-Security-Policy that forbids loading anything, as a second lock.
Article text arrives in displayed form (see report/build.py); `tokens_html` and
`visible_html` wrap its markers (⟨RLO⟩, ⟨U+2062⟩) in `<bdi>`, and notes and
excerpts, which the model keeps true for the JSON, are made visible here.
"""

from __future__ import annotations

from html import escape

from newsdiff_gui.core.align.render_html import COLOUR_CSS, MOVED_TEXT_CSS, moved_html, word_html
from newsdiff_gui.core.annotations import quoted
from newsdiff_gui.core.report.legend import LEGEND_NOTES
from newsdiff_gui.core.report.model import (
    Cell,
    Endnote,
    Omitted,
    Piece,
    Report,
    ReportRow,
    Summary,
)
from newsdiff_gui.core.view.palette import KIND_PAINT
from newsdiff_gui.core.visible import MARKER_CSS, visible_html
from newsdiff_gui.core.words import plural

_STYLE = (
    COLOUR_CSS
    + MARKER_CSS
    + """
body { font: 15px/1.5 system-ui, sans-serif; color: var(--text); background: var(--page);
  max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.45rem; margin: 0 0 .6rem; } h2 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem;
  margin: 0; font-size: .85rem; }
dl.provenance dt { font-weight: 600; } dl.provenance dd { margin: 0; overflow-wrap: anywhere; }
.hash { font-family: ui-monospace, monospace; }
.muted { color: var(--muted); }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
.swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em;
  border: 1px solid var(--muted); margin-right: .3em; }
table.diff { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.diff th { text-align: left; font-size: .85rem; padding: .3rem .5rem;
  border-bottom: 2px solid var(--muted); }
table.diff td { vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #8884;
  overflow-wrap: anywhere; }
.gutter { width: 7.5rem; } td.gutter { font-size: .75rem; color: var(--muted); }
td.gutter .marker { font-weight: 700; font-size: 1rem; color: var(--text); }
td p { margin: 0 0 .4rem; white-space: pre-wrap; } td p:last-child { margin: 0; }
tr.title td.cell { font-weight: 700; font-size: 1.1rem; }
tr.removed td { background: var(--removed-tint); } tr.added td { background: var(--added-tint); }
tr.edited td { background: var(--edited-tint); }
tr.moved td, tr.moved_edited td { background: var(--moved-tint); }
tr.split td, tr.merged td { background: var(--group-tint); }
tr.minor td { background: transparent; }
del { text-decoration: line-through 2px; background: var(--removed-tint); color: inherit;
  outline: 1px solid var(--removed); }
ins { text-decoration: underline 2px; background: var(--added-tint); color: inherit;
  outline: 1px solid var(--added); }
tr.removed del, tr.added ins { outline: none; background: transparent; }
.note-ref { display: inline-block; border: 1px solid currentColor; border-radius: 3px;
  padding: 0 .25em; margin: .1rem .15rem 0 0; font-weight: 700; color: var(--text); }
tr.origin td { border-bottom: 1px dashed var(--moved); font-size: .85rem; color: var(--muted);
  padding: .15rem .5rem; }
tr.omitted td { font-style: italic; color: var(--muted); text-align: center; }
ol.notes { padding-left: 0; list-style: none; }
ol.notes li { margin: 0 0 .8rem; padding-left: .6rem; border-left: 3px solid var(--muted); }
ol.notes .text { white-space: pre-wrap; margin: .2rem 0 0; }
.break { font-weight: 700; padding: 0 .15em; }
@media print { body { max-width: none; } tr { break-inside: avoid; } }
"""
    + MOVED_TEXT_CSS
    + """tr.regrouped td { background: var(--group-tint); }
"""
)


def _pieces_html(pieces: tuple[Piece, ...]) -> str:
    parts = []
    for piece in pieces:
        if piece.op.moved:
            href = "#" if piece.ref is None else f"#{piece.ref.there.anchor}"
            words = [(word.op, word.text) for word in piece.words]
            parts.append(moved_html(piece.op, piece.text, words, piece.ref, href))
        else:
            parts.append(word_html(piece.op, piece.text))
    return "".join(parts)


def _cell_html(cell: Cell) -> str:
    return "".join(f"<p>{_pieces_html(paragraph)}</p>" for paragraph in cell.paragraphs)


def _paragraph_numbers(numbers: tuple[int, ...]) -> str:
    return ", ".join(f"¶{n}" for n in numbers)


def _row_html(row: ReportRow) -> str:
    classes = ["title" if row.is_title else "", row.kind.value, "minor" if row.minor else ""]
    gutter = [f'<a id="{row.key.anchor}"></a>{row.key.label}']
    if row.marker:
        gutter.append(f'<span class="marker">{escape(row.marker)} {escape(row.flags)}</span>')
    gutter.append(escape(row.label))
    where = " → ".join(
        part
        for part in (_paragraph_numbers(row.old_paragraphs), _paragraph_numbers(row.new_paragraphs))
        if part
    )
    if where:
        gutter.append(where)
    if row.moved_from is not None:
        gutter.append(f'<a href="#{row.moved_from.anchor}">to where it stood</a>')
    if row.review is not None:
        gutter.append(f"<strong>✓ {escape(row.review.label)}</strong>")
    if row.notes:
        gutter.append("".join(f'<a class="note-ref" href="#note-{n}">{n}</a>' for n in row.notes))
    html = (
        f'<tr class="{" ".join(c for c in classes if c)}">'
        f'<td class="gutter">{"<br>".join(gutter)}</td>'
        f'<td class="cell">{_cell_html(row.old)}</td>'
        f'<td class="cell">{_cell_html(row.new)}</td></tr>'
    )
    for moved in row.origin_of:
        html += (
            f'<tr class="origin"><td></td><td colspan="2">↳ <a href="#{moved.anchor}">{moved.label}'
            "</a> stood here</td></tr>"
        )
    return html


def _summary_html(summary: Summary) -> str:
    parts = ["headline changed" if summary.title_changed else "headline unchanged"]
    parts += [f"{count} {kind.value.replace('_', ' + ')}" for kind, count in summary.kind_counts()]
    if summary.stats.sentences_moved:
        parts.append(plural(summary.stats.sentences_moved, "sentence") + " moved")
    parts.append(f"+{summary.stats.words_added} / −{summary.stats.words_removed} words")
    parts.append(f"{plural(summary.numbers_changed_rows, 'row')} with changed numbers (#)")
    parts.append(f"{plural(summary.quote_changed_rows, 'row')} with changed quotes (“)")
    lines = [f"<p>{escape(' · '.join(parts))}</p>"]
    if summary.review_states:
        states = " · ".join(f"{count} {state.label}" for state, count in summary.review_states)
        lines.append(f"<p>Review: {escape(states)}; {plural(summary.notes, 'note')}")
        if summary.detached_notes:
            lines[-1] += f" ({summary.detached_notes} detached)"
        lines[-1] += "</p>"
    return "".join(lines)


def _note_html(note: Endnote) -> str:
    where = escape(note.where)
    if note.row is not None:
        where = f'<a href="#{note.row.anchor}">{where}</a>'
    excerpt = ""
    if note.row is None and note.excerpt:
        excerpt = f'<div class="muted">Written on: {visible_html(quoted(note.excerpt))}</div>'
    return (
        f'<li id="note-{note.number}"><strong>[{note.number}]</strong> {where} · '
        f'<span class="muted">{escape(note.byline)}</span>{excerpt}'
        f'<div class="text">{visible_html(note.note) or "<em>(no text)</em>"}</div></li>'
    )


def render_report_html(report: Report) -> str:
    provenance = report.provenance
    fields = []
    for label, value in provenance.header_fields():
        css = ' class="hash"' if label.endswith("SHA-256") else ""
        fields.append(f"<dt>{escape(label)}</dt><dd{css}>{escape(value)}</dd>")
    legend = "".join(
        f'<li><span class="swatch" style="background:var(--{KIND_PAINT[entry.kind]}-tint)">'
        "</span>"
        f"<strong>{escape(entry.marker)}</strong> {escape(entry.label)}: "
        f"{escape(entry.description)}</li>"
        for entry in report.legend
    )
    old_head = escape(f"Old — {provenance.old.heading}")
    new_head = escape(f"New — {provenance.new.heading}")
    body = []
    for item in report.body:
        if isinstance(item, Omitted):
            body.append(f'<tr class="omitted"><td colspan="3">{escape(item.text)}</td></tr>')
        else:
            body.append(_row_html(item))
    html = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Changes: {escape(report.title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{visible_html(report.title)}</h1>",
        f'<dl class="provenance">{"".join(fields)}</dl>',
        f'<p class="muted">{escape(report.options.describe())}</p>',
        "<h2>Summary</h2>",
        _summary_html(report.summary),
        f'<ul class="legend">{legend}</ul>',
        "".join(f'<p class="muted">{escape(line)}</p>' for line in LEGEND_NOTES),
        "<h2>Changes</h2>",
        '<table class="diff"><thead><tr><th class="gutter">Row</th>'
        f"<th>{old_head}</th><th>{new_head}</th></tr></thead><tbody>",
        *body,
        "</tbody></table>",
    ]
    if report.notes:
        html.append('<h2>Notes</h2><ol class="notes">')
        html += [_note_html(note) for note in report.notes]
        html.append("</ol>")
    if report.detached:
        html.append("<h2>Detached notes</h2>")
        html.append(
            '<p class="muted">Written on paragraphs that no row of this comparison holds '
            "any more (the text or the alignment changed); kept with the text they were on.</p>"
        )
        html.append('<ol class="notes">')
        html += [_note_html(note) for note in report.detached]
        html.append("</ol>")
    html.append("</body></html>")
    return "\n".join(html) + "\n"
