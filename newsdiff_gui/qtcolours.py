"""The palette's hues as QColors and WCAG contrast arithmetic, with QtGui only.

Shared by the panes (`ui/theme.py`, which adds the system palette's tints and
icons) and the PDF report (`newsdiff_gui/pdf`), which must not depend on the
widget layer: the command line exports PDFs too.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.view.palette import KIND_PAINT, PAINTS, PaintName
from newsdiff_gui.core.view.palette import ORANGE as ORANGE_HUE


def hue(name: PaintName) -> QColor:
    return QColor(PAINTS[name].hue)


# The Okabe–Ito hues, from the one palette of the panes, the PDF and the HTML pages.
VERMILLION = hue(PaintName.REMOVED)
BLUE = hue(PaintName.ADDED)
YELLOW = hue(PaintName.EDITED)
SKY_BLUE = hue(PaintName.MOVED)
PURPLE = hue(PaintName.GROUP)
ORANGE = QColor(ORANGE_HUE)

KIND_COLOURS: dict[ChangeKind, QColor] = {kind: hue(name) for kind, name in KIND_PAINT.items()}


def blend(base: QColor, tint: QColor, amount: float) -> QColor:
    """`amount` of `tint` over `base` (0 = base, 1 = tint)."""
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: QColor, background: QColor, text: QColor, ratio: float = 4.5) -> QColor:
    """`colour` moved toward the text colour just far enough to read on `background`."""
    for step in range(21):
        candidate = blend(colour, text, step / 20)
        if contrast(candidate, background) >= ratio:
            return candidate
    return text
