"""One colour table: every changed kind and token op has a paint, and text stays readable."""

from __future__ import annotations

import pytest

from newsdiff_gui.core.align import ChangeKind, TokenOp
from newsdiff_gui.core.view.palette import PAINTS, colour_css, kind_paint, token_paint

LIGHT_TEXT, DARK_TEXT = "#1a1a1a", "#f0f0f0"


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_change_has_a_paint_and_unchanged_text_none() -> None:
    assert kind_paint(ChangeKind.UNCHANGED) is None and token_paint(TokenOp.EQUAL) is None
    for kind in ChangeKind:
        if kind is not ChangeKind.UNCHANGED:
            assert kind_paint(kind) is not None
    assert (
        token_paint(TokenOp.MOVED_OUT)
        == token_paint(TokenOp.MOVED_IN)
        == kind_paint(ChangeKind.MOVED)
    )


@pytest.mark.parametrize("name", list(PAINTS))
def test_tints_keep_text_at_wcag_aa(name: str) -> None:
    paint = PAINTS[name]
    assert _contrast(paint.light_tint, LIGHT_TEXT) >= 4.5
    assert _contrast(paint.dark_tint, DARK_TEXT) >= 4.5


def test_css_names_every_paint_for_both_schemes() -> None:
    css = colour_css()
    for name, paint in PAINTS.items():
        assert f"--{name}: {paint.line};" in css
        assert f"--{name}-tint: {paint.light_tint};" in css
        assert f"--{name}-tint: {paint.dark_tint};" in css
    assert "prefers-color-scheme: dark" in css
