"""The line above the panes that says when a side's extraction may not be the whole article.

A version whose extraction disagreed with the second extractor, or whose text
collapsed against the version before (a paywall, an error page), is stored with
its reason; a difference the reader sees there may be the extractor's, not the
newsroom's, so the reader is told before reading the diff, not only in a tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from newsdiff_gui.ui import theme
from newsdiff_gui.ui.diff.comparison import Comparison

ADVICE = "Check the page itself before relying on a difference there."


class ExtractionNotice(QLabel):
    """Hidden unless a side of the comparison on show has an unsure extraction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setObjectName("extractionNotice")
        self.hide()

    def show_for(self, comparison: Comparison | None) -> None:
        doubts = comparison.doubts() if comparison is not None else []
        if not doubts:
            self.clear()
            self.hide()
            return
        lines = ["⚠ The extraction may be incomplete:", *doubts, ADVICE]
        self.setText("\n".join(lines))
        self._style()
        self.show()

    def _style(self) -> None:
        palette = self.palette()
        base = palette.color(palette.ColorRole.Base)
        text = palette.color(palette.ColorRole.Text)
        background = theme.blend(base, theme.ORANGE, 0.25)
        border = theme.readable(theme.ORANGE, background, text, ratio=3.0)
        self.setStyleSheet(
            f"QLabel#extractionNotice {{ background: {background.name()};"
            f" color: {text.name()}; border-left: 4px solid {border.name()}; padding: 4px 8px; }}"
        )
