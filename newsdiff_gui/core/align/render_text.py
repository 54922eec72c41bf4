"""A `Diff` as terminal text.

One block per row, led by a marker and a label, so the kind reads without
colour:

    "  " unchanged   "~ " edited/split/merged   "+ " added   "- " removed
    "> " moved / moved and edited (with where it was)   "~ " regrouped

Inside changed rows deleted words read `[-like this-]` and inserted words
`{+like this+}` (wdiff's convention); a sentence that moved between paragraphs
reads `[→ ¶3: The official said …]` where it was and `{← ¶2: The official
said …}` where it is now, with its word changes inside. With `color=True`, ANSI
styles replace the brackets of words: struck-through vermillion-red for
deletions, underlined blue for insertions, cyan for moved text (DESIGN.md: never
colour alone; the arrows stay).

Text goes through `visible_text`: bidirectional controls and other invisible
characters print as markers (⟨RLO⟩, ⟨U+2062⟩), so a terminal never reorders or
hides what changed.
"""

from __future__ import annotations

from newsdiff_gui.core.align.model import ChangeKind, Diff, Row, Token, TokenOp
from newsdiff_gui.core.view import ReaderView, ViewRow, build_view
from newsdiff_gui.core.view.phrases import paragraph_numbers, row_notes
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.core.words import plural

_MARKERS = {
    ChangeKind.UNCHANGED: " ",
    ChangeKind.EDITED: "~",
    ChangeKind.ADDED: "+",
    ChangeKind.REMOVED: "-",
    ChangeKind.MOVED: ">",
    ChangeKind.MOVED_EDITED: ">",
    ChangeKind.SPLIT: "~",
    ChangeKind.MERGED: "~",
    ChangeKind.REGROUPED: "~",
}
_RESET = "\x1b[0m"
_DELETE = "\x1b[9;31m"  # strikethrough, red
_INSERT = "\x1b[4;34m"  # underline, blue
_MOVED = "\x1b[36m"  # cyan
_KIND_STYLE = {
    ChangeKind.ADDED: "\x1b[34m",
    ChangeKind.REMOVED: "\x1b[31m",
    ChangeKind.EDITED: "\x1b[33m",
    ChangeKind.MOVED: "\x1b[36m",
    ChangeKind.MOVED_EDITED: "\x1b[36m",
    ChangeKind.SPLIT: "\x1b[35m",
    ChangeKind.MERGED: "\x1b[35m",
    ChangeKind.REGROUPED: "\x1b[35m",
}


def _numbers(indices: tuple[int, ...]) -> str:
    return paragraph_numbers(indices, "+")


def _shown(token: Token) -> str:
    """A changed paragraph break reads as ¶ (an inserted one also starts a new line)."""
    if "\n" in token.text and not token.text.strip():
        return "¶\n\n" if token.op is TokenOp.INSERT else "¶"
    return visible_text(token.text)


def _styled(text: str, style: str) -> str:
    # Styles do not cross line breaks well in every terminal: restyle per line.
    return "\n".join(f"{style}{line}{_RESET}" if line else line for line in text.split("\n"))


def _moved(token: Token, label: str, color: bool) -> str:
    """`[→ ¶3: text]` (old text now elsewhere) or `{← ¶2: text}` (new text from elsewhere)."""
    # Leading space stays outside the brackets; an edited sentence's words are
    # shown as they are (their space is part of a word change).
    lead = "" if token.tokens else token.text[: len(token.text) - len(token.text.lstrip())]
    if token.tokens:
        inner = render_tokens(token.tokens, color)
    else:
        inner = visible_text(token.text[len(lead) :])
    if color:
        return f"{lead}{_MOVED}{label}:{_RESET} {inner}"
    opening, closing = ("[", "]") if token.op is TokenOp.MOVED_OUT else ("{", "}")
    return f"{lead}{opening}{label}: {inner}{closing}"


def render_tokens(tokens: tuple[Token, ...], color: bool, view_row: ViewRow | None = None) -> str:
    parts = []
    for number, token in enumerate(tokens):
        if token.op is TokenOp.EQUAL:
            parts.append(visible_text(token.text))
            continue
        if token.op.moved:
            ref = view_row.reference(number) if view_row is not None else None
            arrow = "→" if token.op is TokenOp.MOVED_OUT else "←"
            parts.append(_moved(token, ref.label if ref is not None else arrow, color))
            continue
        text = _shown(token)
        if color:
            parts.append(_styled(text, _DELETE if token.op is TokenOp.DELETE else _INSERT))
        elif token.op is TokenOp.DELETE:
            parts.append(f"[-{text}-]")
        elif text.endswith("\n\n"):
            parts.append(f"{{+{text[:-2]}+}}\n\n")
        else:
            parts.append(f"{{+{text}+}}")
    return "".join(parts)


def _label(view: ReaderView, view_row: ViewRow, row: Row) -> str:
    label = f"{row.kind.value} {_numbers(row.old)} → {_numbers(row.new)}"
    notes = []
    place = view_row.moved_from
    if place is not None:
        if place.opened_article:
            notes.append("moved from the top")
        else:
            notes.append(f"moved from after old {_numbers(view.row(place.after).old_paragraphs)}")
    if view_row.moved_text:
        notes.append(view_row.moved_text)
    notes += row_notes(row, long=False)
    return f"{label} ({'; '.join(notes)})" if notes else label


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.split("\n"))


def render_text(diff: Diff, color: bool = False) -> str:
    """The whole diff as text (ends with a newline)."""
    lines = []
    if diff.title.kind is ChangeKind.UNCHANGED:
        lines.append(f"  title: {render_tokens(diff.title.tokens, color) or '(none)'}")
    else:
        lines.append(f"~ title (edited): {render_tokens(diff.title.tokens, color)}")
    stats = diff.stats
    regrouped = f"{stats.regrouped} regrouped, " if stats.regrouped else ""
    moved = stats.sentences_moved
    sentences = f"{plural(moved, 'sentence')} moved, " if moved else ""
    lines.append(
        f"  {stats.edited} edited, {stats.added} added, {stats.removed} removed, "
        f"{stats.moved + stats.moved_edited} moved, {stats.split} split, {stats.merged} merged, "
        f"{regrouped}{sentences}"
        f"{stats.unchanged} unchanged; +{stats.words_added} / -{stats.words_removed} words"
    )
    lines.append("")
    view = build_view(diff)
    for view_row, row in zip(view.rows, diff.rows, strict=True):
        marker = _MARKERS[row.kind]
        header = f"{marker} [{_label(view, view_row, row)}]"
        if color and row.kind in _KIND_STYLE:
            header = f"{_KIND_STYLE[row.kind]}{header}{_RESET}"
        if row.tokens:
            body = render_tokens(row.tokens, color, view_row)
        elif row.kind is ChangeKind.REMOVED:
            body = visible_text(diff.old_text(row))
            body = f"{_DELETE}{body}{_RESET}" if color else f"[-{body}-]"
        elif row.kind is ChangeKind.ADDED:
            body = visible_text(diff.new_text(row))
            body = f"{_INSERT}{body}{_RESET}" if color else f"{{+{body}+}}"
        else:
            body = visible_text(diff.new_text(row))
        lines.append(header)
        lines.append(_indent(body))
    return "\n".join(lines) + "\n"
