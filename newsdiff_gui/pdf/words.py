"""The words of the PDF's diff rows: tints, inks and runs for each kind of text.

Deleted words are struck through and inserted ones underlined on their tints;
moved text is shaded sky blue and led by the reader's view's reference to its
other place ("→ ¶9"), as on screen and in the HTML report.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat

from newsdiff_gui.core.align.model import ChangeKind, TokenOp
from newsdiff_gui.core.report.model import Piece
from newsdiff_gui.pdf.text import MUTED, TEXT, WHITE, Run, ink
from newsdiff_gui.qtcolours import BLUE, KIND_COLOURS, SKY_BLUE, VERMILLION, blend, readable

# Shares of the Okabe–Ito hue over white paper. Light enough that TEXT keeps
# far more than WCAG AA (4.5:1) on every tint, and that a deleted or inserted
# word's highlight still stands out from its row's tint.
ROW_TINT = 0.16
WORD_TINT = 0.30


def row_tint(kind: ChangeKind) -> QColor | None:
    hue = KIND_COLOURS.get(kind)
    return None if hue is None else blend(WHITE, hue, ROW_TINT)


def word_tint(op: TokenOp) -> QColor:
    return blend(WHITE, BLUE if op is TokenOp.INSERT else VERMILLION, WORD_TINT)


def kind_ink(kind: ChangeKind) -> QColor:
    """The kind's hue darkened just enough to read as text on its own tint."""
    hue = KIND_COLOURS.get(kind, MUTED)
    return readable(hue, row_tint(kind) or WHITE, TEXT)


def moved_ink(kind: ChangeKind) -> QColor:
    """The reference beside moved text: sky blue, readable on the tint of its row."""
    return readable(SKY_BLUE, row_tint(kind) or WHITE, TEXT)


# Behind moved text: stronger than a word's tint, so the sky blue still stands
# apart from an added row's blue tint around it (text keeps far above 4.5:1).
MOVED_TINT = blend(WHITE, SKY_BLUE, 0.4)


def _word_style(op: TokenOp, tinted: bool, base: QTextCharFormat | None = None) -> QTextCharFormat:
    style = QTextCharFormat() if base is None else QTextCharFormat(base)
    if op is TokenOp.DELETE:
        style.setFontStrikeOut(True)
    else:
        style.setFontUnderline(True)
    if tinted:
        style.setBackground(word_tint(op))
    return style


def moved_runs(piece: Piece, kind: ChangeKind) -> list[Run]:
    """Moved text: led by the view's reference to its other place ("→ ¶9"), then the
    text on the moved tint; a sentence edited on its way keeps its word changes."""
    lead = piece.text[: len(piece.text) - len(piece.text.lstrip())] if not piece.words else ""
    arrow = ink(moved_ink(kind))
    arrow.setFontWeight(700)
    label = piece.ref.label if piece.ref is not None else piece.op.value
    runs = [Run(lead), Run(label.replace(" ", "\u00a0") + "\u00a0", arrow)]
    shade = QTextCharFormat()
    shade.setBackground(MOVED_TINT)
    if not piece.words:
        return [*runs, Run(piece.text[len(lead) :], shade)]
    for word in piece.words:
        style = shade if word.op is TokenOp.EQUAL else _word_style(word.op, True, shade)
        runs.append(Run(word.text, style))
    return runs


def token_runs(pieces: tuple[Piece, ...], kind: ChangeKind) -> list[Run]:
    """A paragraph's pieces as runs: deletions struck through, insertions underlined,
    moved text shaded and led by its reference.

    In wholly added or removed rows every word would be highlighted; the row's
    tint says it already, so only the strike or underline stays.
    """
    whole = kind in (ChangeKind.ADDED, ChangeKind.REMOVED)
    runs = []
    for piece in pieces:
        if piece.op is TokenOp.EQUAL:
            runs.append(Run(piece.text))
        elif piece.op.moved:
            runs.extend(moved_runs(piece, kind))
        else:
            runs.append(Run(piece.text, _word_style(piece.op, not whole)))
    return runs
