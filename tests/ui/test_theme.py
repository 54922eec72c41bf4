"""Both palettes stay readable: text on every tint keeps WCAG AA contrast (4.5:1)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.theme import contrast

Role = QPalette.ColorRole


def light_palette() -> QPalette:
    palette = QPalette()
    for role, name in [(Role.Base, "#ffffff"), (Role.Text, "#000000"), (Role.Window, "#efefef")]:
        palette.setColor(role, QColor(name))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, name in [(Role.Base, "#1e1e20"), (Role.Text, "#e6e6e6"), (Role.Window, "#2b2b2e")]:
        palette.setColor(role, QColor(name))
    return palette


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_text_on_every_tint_meets_aa(palette: QPalette) -> None:
    text = palette.color(Role.Text)
    base = palette.color(Role.Base)
    for kind in ChangeKind:
        background = theme.row_background(kind, palette) or base
        assert contrast(text, background) >= 4.5, kind
        # Kind markers are text too.
        assert contrast(theme.marker_colour(kind, palette), background) >= 4.5, kind
    for inserted in (False, True):
        assert contrast(text, theme.token_background(inserted, palette)) >= 4.5
    assert contrast(text, theme.moved_text_background(palette)) >= 4.5
    for kind in ChangeKind:  # the arrow beside moved text, on its row's band
        background = theme.row_background(kind, palette) or base
        assert contrast(theme.moved_arrow_colour(kind, palette), background) >= 4.5, kind


def test_dark_is_detected_from_the_base_colour() -> None:
    assert theme.is_dark(dark_palette())
    assert not theme.is_dark(light_palette())
