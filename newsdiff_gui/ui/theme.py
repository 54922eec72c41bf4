"""Looks that follow the system palette: icons from `resources/`, change-kind colours.

Colours come from the Okabe–Ito palette of `core/view/palette.py` (safe for the
common colour-vision deficiencies; the PDF and the HTML pages use the same
table) and are only ever a second signal: every row also carries a kind marker,
deleted words are struck through and inserted words underlined. Backgrounds are
tints blended into the palette's base colour, so the text colour of the palette
keeps its contrast in light and dark modes alike.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from newsdiff_gui.core.align import ChangeKind, TokenOp
from newsdiff_gui.core.view.palette import TOKEN_PAINT
from newsdiff_gui.qtcolours import BLUE as BLUE
from newsdiff_gui.qtcolours import KIND_COLOURS as KIND_COLOURS
from newsdiff_gui.qtcolours import ORANGE as ORANGE
from newsdiff_gui.qtcolours import PURPLE as PURPLE
from newsdiff_gui.qtcolours import SKY_BLUE as SKY_BLUE
from newsdiff_gui.qtcolours import VERMILLION as VERMILLION
from newsdiff_gui.qtcolours import YELLOW as YELLOW
from newsdiff_gui.qtcolours import blend as blend
from newsdiff_gui.qtcolours import contrast as contrast
from newsdiff_gui.qtcolours import hue
from newsdiff_gui.qtcolours import luminance as luminance
from newsdiff_gui.qtcolours import readable as readable
from newsdiff_gui.resources_path import RESOURCES


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def row_background(kind: ChangeKind, palette: QPalette) -> QColor | None:
    """A light tint behind a changed row; the text keeps the palette's contrast."""
    tint = KIND_COLOURS.get(kind)
    if tint is None:
        return None
    # Dark bases need a stronger share for the hue to show; both stay far from
    # the text colour (measured ≥ 7:1 against the palette text in Fusion).
    amount = 0.22 if is_dark(palette) else 0.16
    return blend(palette.color(QPalette.ColorRole.Base), tint, amount)


def token_background(inserted: bool, palette: QPalette) -> QColor:
    """Behind a deleted (vermillion) or inserted (blue) run of words."""
    tint = hue(TOKEN_PAINT[TokenOp.INSERT if inserted else TokenOp.DELETE])
    amount = 0.42 if is_dark(palette) else 0.30
    return blend(palette.color(QPalette.ColorRole.Base), tint, amount)


def moved_text_background(palette: QPalette) -> QColor:
    """Behind text that moved to (came from) another row: the moved rows' sky blue,
    as strong as a changed word's tint so a moved sentence stands out in its row."""
    amount = 0.45 if is_dark(palette) else 0.38
    tint = hue(TOKEN_PAINT[TokenOp.MOVED_IN])
    return blend(palette.color(QPalette.ColorRole.Base), tint, amount)


def marker_colour(kind: ChangeKind, palette: QPalette) -> QColor:
    """The gutter marker and overview mark: the kind's hue, as readable as text on the
    row's band (WCAG AA, 4.5:1)."""
    background = row_background(kind, palette) or palette.color(QPalette.ColorRole.Base)
    colour = KIND_COLOURS.get(kind, palette.color(QPalette.ColorRole.PlaceholderText))
    return readable(colour, background, palette.color(QPalette.ColorRole.Text))


def moved_arrow_colour(kind: ChangeKind, palette: QPalette) -> QColor:
    """The arrow beside moved text ("→ ¶3"): sky blue, as readable as text on the
    band of the row it stands in."""
    background = row_background(kind, palette) or palette.color(QPalette.ColorRole.Base)
    return readable(SKY_BLUE, background, palette.color(QPalette.ColorRole.Text))


def _svg_pixmap(data: bytes, size: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(data))
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _icon(name: str, colour: str) -> QIcon:
    path = RESOURCES / "icons" / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    # Qt's SVG renderer ignores `currentColor`; monochrome toolbar icons use it as a
    # placeholder for the palette's text colour so they read in dark mode too.
    data = path.read_text(encoding="utf-8").replace("currentColor", colour).encode("utf-8")
    ratio = max(1.0, QGuiApplication.instance().devicePixelRatio())  # type: ignore[union-attr]
    icon = QIcon()
    for size in (16, 22, 24, 32, 48):
        icon.addPixmap(_svg_pixmap(data, size, ratio))
    return icon


def icon(name: str) -> QIcon:
    """An icon from `resources/icons/NAME.svg`, tinted for the current palette."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return _icon(name, colour)
