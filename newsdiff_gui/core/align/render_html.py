"""A `Diff` as one self-contained HTML page (no scripts, fonts or images to fetch).

Every row shows its kind as a text label and a marker, deletions are struck
through and insertions underlined, so the page reads in greyscale and for
colour-blind readers; colours are Okabe–Ito hues (removed vermillion, added
blue, edited yellow, moved sky blue, split/merged purple) as tints behind dark
text, with a dark variant, both at WCAG AA contrast or better. A moved row
links to the place it came from, where a small "moved" marker links back.

Article text goes through `visible_html`: bidirectional controls and other
invisible characters show as isolated markers (⟨RLO⟩, ⟨U+2062⟩) instead of
acting, so reversed text cannot make a changed figure read as the old one.
"""

from __future__ import annotations

from html import escape

from newsdiff_gui.core.align.model import ChangeKind, Diff, Row, Token, TokenOp
from newsdiff_gui.core.visible import MARKER_CSS, visible_html, visible_text

# Text on these tints stays above 4.5:1 (light: #1a1a1a on tints lighter than
# #e0e0e0 luminance; dark: #f0f0f0 on tints darker than #3a3a3a).
COLOUR_CSS = """
:root { color-scheme: light dark; --text: #1a1a1a; --page: #ffffff; --muted: #4d4d4d;
  --removed: #d55e00; --removed-tint: #fbe1d0; --added: #0072b2; --added-tint: #d6ebf7;
  --edited: #b8a000; --edited-tint: #fbf6c8; --moved: #56b4e9; --moved-tint: #e1f2fb;
  --group: #cc79a7; --group-tint: #f6e3ee; }
@media (prefers-color-scheme: dark) {
  :root { --text: #f0f0f0; --page: #151515; --muted: #c4c4c4;
    --removed-tint: #4a2410; --added-tint: #0f3147; --edited-tint: #433c05;
    --moved-tint: #173a4c; --group-tint: #45233a; } }
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
}


def tokens_html(tokens: tuple[Token, ...]) -> str:
    parts = []
    for token in tokens:
        text = visible_html(token.text)
        if token.op is not TokenOp.EQUAL and "\n" in token.text and not token.text.strip():
            # A paragraph break added or removed: visible as a marked ¶.
            mark = '<span class="break" title="paragraph break">¶</span>'
            text = mark if token.op is TokenOp.DELETE else mark + text
        if token.op is TokenOp.DELETE:
            parts.append(f"<del>{text}</del>")
        elif token.op is TokenOp.INSERT:
            parts.append(f"<ins>{text}</ins>")
        else:
            parts.append(text)
    return "".join(parts)


def _numbers(indices: tuple[int, ...]) -> str:
    return ", ".join(f"¶{i + 1}" for i in indices) or "—"


def _body(diff: Diff, row: Row) -> str:
    if row.tokens:
        return tokens_html(row.tokens)
    if row.kind is ChangeKind.REMOVED:
        return f"<del>{visible_html(diff.old_text(row))}</del>"
    if row.kind is ChangeKind.ADDED:
        return f"<ins>{visible_html(diff.new_text(row))}</ins>"
    return visible_html(diff.new_text(row))


def _notes(row: Row) -> str:
    notes = [f"old {_numbers(row.old)} → new {_numbers(row.new)}"]
    if row.similarity is not None and row.kind not in (ChangeKind.UNCHANGED, ChangeKind.MOVED):
        notes.append(f"similarity {row.similarity:.2f}")
    if row.minor:
        notes.append("minor: punctuation, quotes or case")
    if row.numbers_changed:
        notes.append("numbers changed")
    if row.quote_changed:
        notes.append("quote changed")
    return " · ".join(notes)


def render_html(diff: Diff) -> str:
    """A complete HTML document."""
    moved_origins: dict[int, list[int]] = {}
    for position, row in enumerate(diff.rows):
        if row.kind in (ChangeKind.MOVED, ChangeKind.MOVED_EDITED):
            moved_origins.setdefault(diff.moved_from(position), []).append(position)

    def origin_markers(after: int) -> list[str]:
        return [
            f'<div class="origin" id="from-{moved}">↳ <a href="#row-{moved}">'
            f"old {_numbers(diff.rows[moved].old)} moved from here "
            f"(now new {_numbers(diff.rows[moved].new)})</a></div>"
            for moved in moved_origins.get(after, [])
        ]

    title_class = "unchanged" if diff.title.kind is ChangeKind.UNCHANGED else "edited"
    stats = diff.stats
    html = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # <title> holds text only: markers without their <bdi>.
        f"<title>Diff: {escape(visible_text(diff.new.title or diff.old.title or 'article'))}"
        "</title>",
        f"<style>{_STYLE}</style></head><body>",
        f'<h1 class="row {title_class}">{tokens_html(diff.title.tokens) or "(no title)"}</h1>',
        f'<p class="stats">{stats.edited} edited · {stats.added} added · '
        f"{stats.removed} removed · {stats.moved + stats.moved_edited} moved · "
        f"{stats.split} split · {stats.merged} merged · {stats.unchanged} unchanged · "
        f"+{stats.words_added} / −{stats.words_removed} words</p>",
        *origin_markers(-1),
    ]
    for position, row in enumerate(diff.rows):
        link = ""
        if row.kind in (ChangeKind.MOVED, ChangeKind.MOVED_EDITED):
            link = f' <a href="#from-{position}">(where it was)</a>'
        label = f"{_LABELS[row.kind]}{link} <small>{escape(_notes(row))}</small>"
        html.append(
            f'<div class="row {row.kind.value}" id="row-{position}">'
            f'<div class="label">{label}</div><p>{_body(diff, row)}</p></div>'
        )
        html += origin_markers(position)
    html.append("</body></html>")
    return "\n".join(html) + "\n"
