"""One version's text, read-only and selectable: the view for an article with one capture.

Like the diff panes, article text only enters through `insertText`, never as HTML,
and in displayed form (`core/visible.py`: bidi controls and invisible characters
as markers such as ⟨RLO⟩).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from newsdiff_gui.core.store import StoredVersion, VersionNotice
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.ui import theme


class VersionTextView(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName("Version text")

    def show_version(self, version: StoredVersion, note: str = "") -> None:
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(16)
        cursor = QTextCursor(document)
        gap = QTextBlockFormat()
        gap.setBottomMargin(10)
        plain = QTextCharFormat()
        title = QTextCharFormat()
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.4)
        title_font.setBold(True)
        title.setFont(title_font)
        quiet = QTextCharFormat()
        text_colour = self.palette().color(self.palette().ColorRole.Text)
        base = self.palette().color(self.palette().ColorRole.Base)
        quiet.setForeground(theme.blend(text_colour, base, 0.3))

        doc = version.document
        cursor.setBlockFormat(gap)
        cursor.insertText(visible_text(doc.title) or "(no title found)", title)
        details = [f"Version {version.number}, captured {to_iso(version.captured_at)}"]
        if doc.byline:
            details.append(visible_text(doc.byline))
        if doc.published:
            details.append(f"published {doc.published}")
        if doc.modified:
            details.append(f"modified {doc.modified}")
        if version.suspect_extraction:
            details.append(f"suspect extraction: {version.suspect_reason}")
        if VersionNotice.HIDDEN_CHARACTERS in version.notices:
            details.append(
                "hidden characters: bidirectional controls or invisible characters,"
                " shown as markers such as ⟨RLO⟩ or ⟨U+2062⟩"
            )
        if note:
            details.append(note)
        for line in details:
            cursor.insertBlock(gap, quiet)
            cursor.insertText(line, quiet)
        if doc.dek:
            cursor.insertBlock(gap, plain)
            cursor.insertText(visible_text(doc.dek), plain)
        for paragraph in doc.paragraphs:
            cursor.insertBlock(gap, plain)
            cursor.insertText(visible_text(paragraph), plain)
        self.setDocument(document)
