"""A `Diff` as one self-contained HTML page (no scripts, fonts or images to fetch).

Every row shows its kind as a text label and a marker, deletions are struck
through and insertions underlined, so the page reads in greyscale and for
colour-blind readers; colours are Okabe–Ito hues (removed vermillion, added
blue, edited yellow, moved sky blue, split/merged/regrouped purple) as tints
behind dark text, with a dark variant, both at WCAG AA contrast or better
(`core/view/palette.py`). A moved row links to the place it came from, where a
small "moved" marker links back; a sentence that moved between paragraphs is
shaded and led by a link to its other place ("→ ¶9", "← ¶2"), with its word
changes struck and underlined where it now stands. Rows are numbered as in
the reports (`RowKey.anchor`): the headline is `#row-0`, body row N `#row-N`,
and the place moved row N left is `#from-N`.

Article text goes through `visible_html`: bidirectional controls and other
invisible characters show as isolated markers (⟨RLO⟩, ⟨U+2062⟩) instead of
acting, so reversed text cannot make a changed figure read as the old one.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from newsdiff_gui.core.align.model import ChangeKind, Diff, Row, Token, TokenOp
from newsdiff_gui.core.view import MoveRef, ReaderView, RowKey, ViewRow, build_view
from newsdiff_gui.core.view.palette import colour_css
from newsdiff_gui.core.view.phrases import paragraph_numbers, row_notes
from newsdiff_gui.core.visible import MARKER_CSS, visible_html, visible_text
from newsdiff_gui.core.words import plural

COLOUR_CSS = colour_css()

# Moved text and regrouped rows (schema 2); shared with the report page.
MOVED_TEXT_CSS = """
.moved-text { background: var(--moved-tint); outline: 1px dashed var(--moved); }
.moved-text > a.ref { font-weight: 700; text-decoration: none; white-space: nowrap; }
"""

_STYLE = (
    COLOUR_CSS
    + MARKER_CSS
    + """
body { font: 16px/1.55 system-ui, sans-serif; color: var(--text); background: var(--page);
  max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.4rem; } .stats, .label small { color: var(--muted); }
.row { border-left: 6px solid transparent; padding: .4rem .8rem; margin: .5rem 0; }
.label { font: 600 .8rem/1.4 system-ui, sans-serif; text-transform: uppercase;
  letter-spacing: .04em; margin-bottom: .2rem; }
.label small { text-transform: none; font-weight: 400; letter-spacing: 0; }
.unchanged { border-left-color: #999999; }
.removed { border-left-color: var(--removed); background: var(--removed-tint); }
.added { border-left-color: var(--added); background: var(--added-tint); }
.edited { border-left-color: var(--edited); background: var(--edited-tint); }
.moved, .moved_edited { border-left-color: var(--moved); background: var(--moved-tint); }
.split, .merged { border-left-color: var(--group); background: var(--group-tint);
  border-right: 6px double var(--group); }
.origin { border-left: 6px dashed var(--moved); padding: .2rem .8rem; color: var(--muted); }
del { text-decoration: line-through 2px; background: var(--removed-tint);
  color: inherit; outline: 1px solid var(--removed); }
ins { text-decoration: underline 2px; background: var(--added-tint); color: inherit;
  outline: 1px solid var(--added); }
.removed del, .added ins { outline: none; background: transparent; }
p { margin: 0; white-space: pre-wrap; }
a { color: inherit; }
.break { font-weight: 700; padding: 0 .15em; }
"""
    + MOVED_TEXT_CSS
    + """.regrouped { border-left-color: var(--group); background: var(--group-tint);
  border-right: 6px double var(--group); }
"""
)

_LABELS = {
    ChangeKind.UNCHANGED: "Unchanged",
    ChangeKind.EDITED: "~ Edited",
    ChangeKind.ADDED: "+ Added",
    ChangeKind.REMOVED: "− Removed",
    ChangeKind.MOVED: "→ Moved",
    ChangeKind.MOVED_EDITED: "→ Moved and edited",
    ChangeKind.SPLIT: "⟨ Split",
    ChangeKind.MERGED: "⟩ Merged",
    ChangeKind.REGROUPED: "⇄ Regrouped",
}


def word_html(op: TokenOp, text: str) -> str:
    """One run of words: struck through if deleted, underlined if inserted."""
    shown = visible_html(text)
    if op is not TokenOp.EQUAL and "\n" in text and not text.strip():
        # A paragraph break added or removed: visible as a marked ¶.
        mark = '<span class="break" title="paragraph break">¶</span>'
        shown = mark if op is TokenOp.DELETE else mark + shown
    if op is TokenOp.DELETE:
        return f"<del>{shown}</del>"
    if op is TokenOp.INSERT:
        return f"<ins>{shown}</ins>"
    return shown


def moved_html(
    op: TokenOp, text: str, words: Sequence[tuple[TokenOp, str]], ref: MoveRef | None, href: str
) -> str:
    """Moved text, shaded and led by a link to its other place ("→ ¶9 The official …").

    `words` are the word changes of a sentence edited on its way (empty when
    not edited). Leading space of unedited text stays outside the shading, so
    the arrow sits against the sentence it names.
    """
    if words:
        # An edited sentence's space belongs to its word changes: shown as they are.
        lead, inner = "", "".join(word_html(w_op, w_text) for w_op, w_text in words)
    else:
        lead = text[: len(text) - len(text.lstrip())]
        inner = visible_html(text[len(lead) :])
    label = ref.label if ref is not None else ("→" if op is TokenOp.MOVED_OUT else "←")
    kind = "moved out" if op is TokenOp.MOVED_OUT else "moved in"
    return (
        f'{visible_html(lead)}<span class="moved-text" title="{kind}">'
        f'<a class="ref" href="{href}">{escape(label)}</a> {inner}</span>'
    )


def tokens_html(tokens: tuple[Token, ...], view_row: ViewRow | None = None) -> str:
    """A row's tokens (moved ones with their references when `view_row` is given)."""
    parts = []
    for number, token in enumerate(tokens):
        if token.op.moved:
            ref = view_row.reference(number) if view_row is not None else None
            href = f"#{ref.there.anchor}" if ref is not None else "#"
            words = [(t.op, t.text) for t in token.tokens]
            parts.append(moved_html(token.op, token.text, words, ref, href))
        else:
            parts.append(word_html(token.op, token.text))
    return "".join(parts)


def _body(diff: Diff, row: Row, view_row: ViewRow) -> str:
    if row.tokens:
        return tokens_html(row.tokens, view_row)
    if row.kind is ChangeKind.REMOVED:
        return f"<del>{visible_html(diff.old_text(row))}</del>"
    if row.kind is ChangeKind.ADDED:
        return f"<ins>{visible_html(diff.new_text(row))}</ins>"
    return visible_html(diff.new_text(row))


def _notes(row: Row, view_row: ViewRow) -> str:
    notes = [f"old {paragraph_numbers(row.old)} → new {paragraph_numbers(row.new)}"]
    if view_row.moved_text:
        notes.append(view_row.moved_text)
    return " · ".join(notes + row_notes(row, long=True))


def _origin_markers(view: ReaderView, row: ViewRow) -> list[str]:
    """'↳ old ¶6 moved from here (now new ¶1)' below the row a moved paragraph followed."""
    markers = []
    for key in row.origin_of:
        moved = view.row(key)
        markers.append(
            f'<div class="origin" id="{_origin_id(key)}">↳ <a href="#{key.anchor}">'
            f"old {paragraph_numbers(moved.old_paragraphs)} moved from here "
            f"(now new {paragraph_numbers(moved.new_paragraphs)})</a></div>"
        )
    return markers


def _origin_id(moved: RowKey) -> str:
    """The id of the marker where moved row `moved` used to stand: 'from-3'."""
    return f"from-{moved.number}"


def _stats(diff: Diff) -> str:
    stats = diff.stats
    regrouped = f"{stats.regrouped} regrouped · " if stats.regrouped else ""
    moved = stats.sentences_moved
    sentences = f"{plural(moved, 'sentence')} moved · " if moved else ""
    return (
        f'<p class="stats">{stats.edited} edited · {stats.added} added · '
        f"{stats.removed} removed · {stats.moved + stats.moved_edited} moved · "
        f"{stats.split} split · {stats.merged} merged · {regrouped}{sentences}"
        f"{stats.unchanged} unchanged · "
        f"+{stats.words_added} / −{stats.words_removed} words</p>"
    )


def render_html(diff: Diff) -> str:
    """A complete HTML document."""
    view = build_view(diff)
    title_class = "unchanged" if diff.title.kind is ChangeKind.UNCHANGED else "edited"
    html = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # <title> holds text only: markers without their <bdi>.
        f"<title>Diff: {escape(visible_text(diff.new.title or diff.old.title or 'article'))}"
        "</title>",
        f"<style>{_STYLE}</style></head><body>",
        f'<h1 class="row {title_class}" id="{view.headline.key.anchor}">'
        f"{tokens_html(diff.title.tokens) or '(no title)'}</h1>",
        _stats(diff),
        *_origin_markers(view, view.headline),
    ]
    for view_row in view.rows:
        row = diff.rows[view_row.key.index]
        link = ""
        if view_row.moved_from is not None:
            link = f' <a href="#{_origin_id(view_row.key)}">(where it was)</a>'
        label = f"{_LABELS[row.kind]}{link} <small>{escape(_notes(row, view_row))}</small>"
        html.append(
            f'<div class="row {row.kind.value}" id="{view_row.key.anchor}">'
            f'<div class="label">{label}</div><p>{_body(diff, row, view_row)}</p></div>'
        )
        html += _origin_markers(view, view_row)
    html.append("</body></html>")
    return "\n".join(html) + "\n"
