"""Find in diff (Ctrl+F): a bar that highlights every match in both panes.

Matches are visited in reading order, row by row, the old side before the new
one; the panes scroll together, so the match shows beside its counterpart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from newsdiff_gui.ui.diff.pane import DiffPane


class _FindEdit(QLineEdit):
    previousRequested = Signal()  # noqa: N815
    closeRequested = Signal()  # noqa: N815

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.previousRequested.emit()
            else:
                self.returnPressed.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, old_pane: DiffPane, new_pane: DiffPane, parent: QWidget | None = None):
        super().__init__(parent)
        self.panes = (old_pane, new_pane)
        self.matches: list[tuple[DiffPane, QTextCursor]] = []
        self.position: int | None = None  # the match on show, by index into `matches`
        self.edit = _FindEdit(self)
        self.edit.setPlaceholderText("Find in both versions")
        self.edit.setAccessibleName("Find in diff")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        previous = QToolButton(self)
        previous.setText("Previous")
        following = QToolButton(self)
        following.setText("Next")
        close = QToolButton(self)
        close.setText("Close")
        close.setToolTip("Close the find bar (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(self.next_match)
        self.edit.previousRequested.connect(self.previous_match)
        self.edit.closeRequested.connect(self.close_bar)
        previous.clicked.connect(self.previous_match)
        following.clicked.connect(self.next_match)
        close.clicked.connect(self.close_bar)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.edit.clear()
        self.hide()
        self.panes[1].setFocus()

    def search(self, text: str = "") -> None:
        """Find every match of the bar's text again (also after the diff changed)."""
        text = self.edit.text()
        self.matches = []
        for pane in self.panes:
            pane.setExtraSelections([])
        if text:
            for pane in self.panes:
                cursor = QTextCursor(pane.document())
                while True:
                    cursor = pane.document().find(text, cursor)
                    if cursor.isNull():
                        break
                    self.matches.append((pane, QTextCursor(cursor)))
            # Reading order: by height in the (aligned) panes, old side first.
            self.matches.sort(
                key=lambda m: (
                    m[0].cursorRect(m[1]).top() + m[0].verticalScrollBar().value(),
                    m[0] is self.panes[1],
                )
            )
        self._highlight()
        self.position = None
        if self.matches:
            self.next_match()
        else:
            self.count.setText("no match" if text else "")

    def _highlight(self) -> None:
        by_pane: dict[int, list[QTextEdit.ExtraSelection]] = {0: [], 1: []}
        palette = self.palette()
        for pane, cursor in self.matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(palette.color(QPalette.ColorRole.Highlight))
            selection.format.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
            by_pane[self.panes.index(pane)].append(selection)
        for number, pane in enumerate(self.panes):
            pane.setExtraSelections(by_pane[number])

    def next_match(self) -> None:
        """The match after the one on show (the first when none is)."""
        if self.matches:
            self._go(0 if self.position is None else (self.position + 1) % len(self.matches))

    def previous_match(self) -> None:
        """The match before the one on show (the last when none is)."""
        if self.matches:
            last = len(self.matches) - 1
            self._go(last if self.position is None else (self.position - 1) % len(self.matches))

    def _go(self, position: int) -> None:
        self.position = position
        pane, cursor = self.matches[position]
        pane.setTextCursor(cursor)
        pane.ensureCursorVisible()
        self.count.setText(f"{position + 1} of {len(self.matches)}")
