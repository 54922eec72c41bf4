"""A `Diff` as terminal text.

One block per row, led by a marker and a label, so the kind reads without
colour:

    "  " unchanged   "~ " edited/split/merged   "+ " added   "- " removed
    "> " moved / moved and edited (with where it was)

Inside changed rows deleted words read `[-like this-]` and inserted words
`{+like this+}` (wdiff's convention). With `color=True`, ANSI styles replace the
brackets: struck-through vermillion-red for deletions, underlined blue for
insertions (DESIGN.md: never colour alone).

Text goes through `visible_text`: bidirectional controls and other invisible
characters print as markers (⟨RLO⟩, ⟨U+2062⟩), so a terminal never reorders or
hides what changed.
"""

from __future__ import annotations

from newsdiff_gui.core.align.model import ChangeKind, Diff, Row, Token, TokenOp
from newsdiff_gui.core.visible import visible_text

_MARKERS = {
    ChangeKind.UNCHANGED: " ",
    ChangeKind.EDITED: "~",
    ChangeKind.ADDED: "+",
    ChangeKind.REMOVED: "-",
    ChangeKind.MOVED: ">",
    ChangeKind.MOVED_EDITED: ">",
    ChangeKind.SPLIT: "~",
    ChangeKind.MERGED: "~",
}
_RESET = "\x1b[0m"
_DELETE = "\x1b[9;31m"  # strikethrough, red
_INSERT = "\x1b[4;34m"  # underline, blue
_KIND_STYLE = {
    ChangeKind.ADDED: "\x1b[34m",
    ChangeKind.REMOVED: "\x1b[31m",
    ChangeKind.EDITED: "\x1b[33m",
    ChangeKind.MOVED: "\x1b[36m",
    ChangeKind.MOVED_EDITED: "\x1b[36m",
    ChangeKind.SPLIT: "\x1b[35m",
    ChangeKind.MERGED: "\x1b[35m",
}


def _numbers(indices: tuple[int, ...]) -> str:
    return "+".join(f"¶{i + 1}" for i in indices) or "—"


def _shown(token: Token) -> str:
    """A changed paragraph break reads as ¶ (an inserted one also starts a new line)."""
    if "\n" in token.text and not token.text.strip():
        return "¶\n\n" if token.op is TokenOp.INSERT else "¶"
    return visible_text(token.text)


def render_tokens(tokens: tuple[Token, ...], color: bool) -> str:
    parts = []
    for token in tokens:
        if token.op is TokenOp.EQUAL:
            parts.append(visible_text(token.text))
            continue
        text = _shown(token)
        if color:
            style = _DELETE if token.op is TokenOp.DELETE else _INSERT
            # Styles do not cross line breaks well in every terminal: restyle per line.
            parts.append(
                "\n".join(f"{style}{line}{_RESET}" if line else line for line in text.split("\n"))
            )
        elif token.op is TokenOp.DELETE:
            parts.append(f"[-{text}-]")
        elif text.endswith("\n\n"):
            parts.append(f"{{+{text[:-2]}+}}\n\n")
        else:
            parts.append(f"{{+{text}+}}")
    return "".join(parts)


def _label(diff: Diff, position: int, row: Row) -> str:
    label = f"{row.kind.value} {_numbers(row.old)} → {_numbers(row.new)}"
    notes = []
    if row.kind in (ChangeKind.MOVED, ChangeKind.MOVED_EDITED):
        origin = diff.moved_from(position)
        if origin < 0:
            notes.append("moved from the top")
        else:
            notes.append(f"moved from after old {_numbers(diff.rows[origin].old)}")
    if row.similarity is not None and row.kind not in (ChangeKind.UNCHANGED, ChangeKind.MOVED):
        notes.append(f"similarity {row.similarity:.2f}")
    if row.minor:
        notes.append("minor")
    if row.numbers_changed:
        notes.append("numbers changed")
    if row.quote_changed:
        notes.append("quote changed")
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
    lines.append(
        f"  {stats.edited} edited, {stats.added} added, {stats.removed} removed, "
        f"{stats.moved + stats.moved_edited} moved, {stats.split} split, {stats.merged} merged, "
        f"{stats.unchanged} unchanged; +{stats.words_added} / -{stats.words_removed} words"
    )
    lines.append("")
    for position, row in enumerate(diff.rows):
        marker = _MARKERS[row.kind]
        header = f"{marker} [{_label(diff, position, row)}]"
        if color and row.kind in _KIND_STYLE:
            header = f"{_KIND_STYLE[row.kind]}{header}{_RESET}"
        if row.tokens:
            body = render_tokens(row.tokens, color)
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
