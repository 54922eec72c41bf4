"""The notice shown over a note's editor when a save found that someone else saved the
same note in between (core NoteConflict): both texts stay on screen, and the reviewer
chooses what happens to theirs. Nothing is written until they do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.annotations import Annotation


def conflict_message(theirs: Annotation) -> str:
    who = theirs.author or "Someone"
    when = theirs.updated_at.astimezone().strftime("%H:%M")
    return (
        f"{who} saved this note at {when} while you were typing. Your text was not saved "
        f"and theirs was not overwritten: yours is in the editor below, theirs is here."
    )


class ConflictBox(QFrame):
    """Signals:

    saveAsNewRequested()   keep theirs as it is, save the editor's text as a new note
    replaceRequested()     save the editor's text over theirs (the reviewer has seen it)
    """

    saveAsNewRequested = Signal()  # noqa: N815
    replaceRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("note-conflict")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.theirs = QPlainTextEdit(self)
        self.theirs.setReadOnly(True)
        self.theirs.setAccessibleName("Their version of the note")
        self.theirs.setMaximumHeight(90)
        # Short labels: the notes panel is narrow; the tooltips say the whole choice.
        self.save_as_new = QPushButton("Keep both", self)
        self.save_as_new.setToolTip("Save your text as a new note; theirs stays as it is")
        self.save_as_new.clicked.connect(self.saveAsNewRequested)
        self.replace = QPushButton("Replace theirs", self)
        self.replace.setToolTip("Save your text over theirs, now that you have read it")
        self.replace.clicked.connect(self.replaceRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_as_new)
        buttons.addWidget(self.replace)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.message)
        layout.addWidget(self.theirs)
        layout.addLayout(buttons)
        self.hide()

    def show_theirs(self, theirs: Annotation, can_replace: bool) -> None:
        self.message.setText(conflict_message(theirs))
        self.theirs.setPlainText(theirs.note or "(no note)")
        # A colleague's signed note is theirs alone: only a new note of one's own remains.
        self.replace.setVisible(can_replace)
        self.show()
