"""The notes panel beside the diff: every note of the comparison, and an editor for one.

The panel only shows and reports; `ReviewController` (review.py) stores. Note
texts are user text and article excerpts are untrusted: both are shown as plain
text only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdiff_gui.core.annotations import Annotation, Placement, ReviewState, quoted
from newsdiff_gui.ui.review.conflict import ConflictBox

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1


def where(placement: Placement) -> str:
    if placement.row is None:
        return "detached"
    return placement.row.label


def item_text(placement: Placement) -> str:
    annotation = placement.annotation
    number = f"[{placement.number}] " if placement.number else ""
    first_line = annotation.note.strip().splitlines()[0] if annotation.note.strip() else ""
    text = f"{number}{where(placement)} · {annotation.state.label}"
    if annotation.author:
        text += f" · {annotation.author}"
    return f"{text}\n{first_line[:120]}" if first_line else f"{text} (no note)"


class ReviewPanel(QWidget):
    """Signals (all carry the annotation id first):

    annotationChosen(int id)      the reader picked a note in the list (jump to its row)
    noteEdited(int id, str text)  on every keystroke (the controller throttles saving)
    stateChosen(int id, str state)
    tagsEdited(int id, str tags)  comma-separated
    deleteRequested(int id)
    undoRequested()
    markRemainingRequested()
    conflictSaveAsNew(int id, str text)   keep a colleague's save, add the editor's text
    conflictReplace(int id, str text)     save the editor's text over the colleague's
    """

    annotationChosen = Signal(int)  # noqa: N815
    noteEdited = Signal(int, str)  # noqa: N815
    stateChosen = Signal(int, str)  # noqa: N815
    tagsEdited = Signal(int, str)  # noqa: N815
    deleteRequested = Signal(int)  # noqa: N815
    undoRequested = Signal()  # noqa: N815
    markRemainingRequested = Signal()  # noqa: N815
    conflictSaveAsNew = Signal(int, str)  # noqa: N815
    conflictReplace = Signal(int, str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review-panel")
        self._placements: dict[int, Placement] = {}
        self._filling = False
        # Who is reviewing: their notes are editable, colleagues' are read-only.
        self.reviewer = ""
        # A note whose save met a colleague's: (id, their note as stored, the editor's text).
        self._conflict: tuple[int, Annotation, str] | None = None
        self.heading = QLabel("Notes", self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Notes on this comparison")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.mark_remaining = QPushButton("Mark remaining as reviewed", self)
        self.mark_remaining.setToolTip(
            "Every change without a verdict yet is marked “minor” (reviewed, not significant)"
        )
        self.mark_remaining.clicked.connect(self.markRemainingRequested)
        self.undo = QPushButton("Undo delete", self)
        self.undo.clicked.connect(self.undoRequested)
        self.undo.hide()

        self.editor = QWidget(self)
        self.editor_title = QLabel(self.editor)
        self.editor_title.setTextFormat(Qt.TextFormat.PlainText)
        self.editor_title.setWordWrap(True)
        # The note's fields, hidden while no note is chosen: greyed-out fields would
        # still show the previous note's verdict as if it were this one's.
        self.fields = QWidget(self.editor)
        self.state = QComboBox(self.fields)
        for state in ReviewState:
            self.state.addItem(state.label.capitalize(), state.value)
        self.state.activated.connect(self._state_activated)
        self.tags = QLineEdit(self.fields)
        self.tags.setPlaceholderText("tags, comma separated")
        self.tags.textEdited.connect(self._tags_edited)
        self.note = QPlainTextEdit(self.fields)
        self.note.setPlaceholderText("Why this change matters, what you checked…")
        self.note.setTabChangesFocus(True)
        self.note.textChanged.connect(self._note_changed)
        self.delete = QPushButton("Delete note", self.fields)
        self.delete.clicked.connect(self._delete_clicked)
        self.excerpt = QLabel(self.fields)
        self.excerpt.setTextFormat(Qt.TextFormat.PlainText)
        self.excerpt.setWordWrap(True)
        self.conflict = ConflictBox(self.fields)
        self.conflict.saveAsNewRequested.connect(lambda: self._resolve(self.conflictSaveAsNew))
        self.conflict.replaceRequested.connect(lambda: self._resolve(self.conflictReplace))
        form = QFormLayout()
        form.addRow("State:", self.state)
        form.addRow("Tags:", self.tags)
        fields_layout = QVBoxLayout(self.fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(self.excerpt)
        fields_layout.addWidget(self.conflict)
        fields_layout.addLayout(form)
        fields_layout.addWidget(self.note, 1)
        fields_layout.addWidget(self.delete, 0, Qt.AlignmentFlag.AlignRight)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.editor_title)
        editor_layout.addWidget(self.fields, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.mark_remaining)
        buttons.addWidget(self.undo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.editor, 3)
        self._layout = layout
        self.set_available(False, "")

    # -- filling -----------------------------------------------------------------

    def set_available(self, available: bool, why: str) -> None:
        """Notes can be kept only on two stored versions; say why when not."""
        self.list.setEnabled(available)
        self.mark_remaining.setEnabled(available)
        if not available:
            self.set_placements([], None)
            self.status.setText(why)

    def set_placements(self, placements: list[Placement], select: int | None) -> None:
        self._filling = True
        try:
            self._placements = {p.annotation.id: p for p in placements}
            self.list.clear()
            chosen = None
            for placement in placements:
                item = QListWidgetItem(item_text(placement))
                item.setData(ANNOTATION_ROLE, placement.annotation.id)
                item.setToolTip(placement.annotation.note or "(no note)")
                self.list.addItem(item)
                if placement.annotation.id == select:
                    chosen = item
            if chosen is not None:
                self.list.setCurrentItem(chosen)
            detached = sum(1 for p in placements if p.detached)
            count = sum(1 for p in placements if p.number)
            text = f"{count} note{'s' if count != 1 else ''}"
            if detached:
                text += f", {detached} detached (their paragraphs are no longer in this diff)"
            self.heading.setText(f"Notes — {text}" if placements else "Notes")
            self.status.setText(
                "" if placements else "Right-click a change (or press Ctrl+M) to write a note."
            )
        finally:
            self._filling = False
        self._show_editor(self.current_id())

    def refresh_item(self, placement: Placement) -> None:
        """One note changed (typed text, state): update its line, keep the editor as is."""
        self._placements[placement.annotation.id] = placement
        for position in range(self.list.count()):
            item = self.list.item(position)
            if item.data(ANNOTATION_ROLE) == placement.annotation.id:
                item.setText(item_text(placement))
                item.setToolTip(placement.annotation.note or "(no note)")

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(ANNOTATION_ROLE)) if item is not None else None

    def select(self, annotation_id: int, focus_note: bool = False) -> None:
        for position in range(self.list.count()):
            if self.list.item(position).data(ANNOTATION_ROLE) == annotation_id:
                self.list.setCurrentRow(position)
        if focus_note:
            self.note.setFocus()

    def show_undo(self, visible: bool) -> None:
        self.undo.setVisible(visible)

    # -- editor ------------------------------------------------------------------

    def _show_editor(self, annotation_id: int | None) -> None:
        placement = self._placements.get(annotation_id) if annotation_id is not None else None
        self.fields.setVisible(placement is not None)
        # Without a note to edit, the list takes the room the editor had.
        self._layout.setStretchFactor(self.editor, 3 if placement is not None else 0)
        self._filling = True
        try:
            if placement is None:
                # Neutral: nothing of a previous note stays behind, even hidden.
                self.editor_title.setText(
                    "Choose a note in the list to edit it." if self._placements else ""
                )
                self.editor_title.setVisible(bool(self._placements))
                self.excerpt.clear()
                self.state.setCurrentIndex(-1)
                self.note.setPlainText("")
                self.tags.clear()
                return
            self._fill_editor(placement)
        finally:
            self._filling = False

    def _fill_editor(self, placement: Placement) -> None:
        self.editor_title.show()
        annotation = placement.annotation
        created = annotation.created_at.astimezone().strftime("%d %b %Y, %H:%M")
        number = f"Note {placement.number}" if placement.number else "Verdict"
        author = annotation.author or "unknown"
        own = annotation.editable_by(self.reviewer)
        # Short, as the title has two lines at most; the tooltip says why.
        self.editor_title.setText(
            f"{number} · {where(placement)} · by {author}, {created}{'' if own else ' · read-only'}"
        )
        self.editor_title.setToolTip("" if own else f"Only {author} can change this note")
        excerpt = annotation.anchor.excerpt
        self.excerpt.setText(f"On: {quoted(excerpt)}" if excerpt else "")
        self.state.setCurrentIndex(self.state.findData(annotation.state.value))
        self.tags.setText(", ".join(annotation.tags))
        for field in (self.note, self.tags):
            field.setReadOnly(not own)
        self.state.setEnabled(own)
        self.delete.setVisible(own)
        text = annotation.note
        conflict = self._conflict
        if conflict is not None and conflict[0] == annotation.id:
            # The reviewer's unsaved text stays in the editor; theirs shows above it.
            text = conflict[2]
            self.conflict.show_theirs(conflict[1], conflict[1].editable_by(self.reviewer))
        else:
            self.conflict.hide()
        if self.note.toPlainText() != text:
            self.note.setPlainText(text)

    # -- a colleague saved the same note ---------------------------------------------

    def conflict_id(self) -> int | None:
        return self._conflict[0] if self._conflict is not None else None

    def show_conflict(self, annotation_id: int, theirs: Annotation, mine: str) -> None:
        """Keep `mine` in the editor and show `theirs` above it until the reviewer chooses."""
        self._conflict = (annotation_id, theirs, mine)
        if self.current_id() == annotation_id:
            self._show_editor(annotation_id)
        else:
            self.select(annotation_id)

    def theirs_revision(self) -> int | None:
        """The revision of the colleague's note the reviewer was shown."""
        return self._conflict[1].revision if self._conflict is not None else None

    def clear_conflict(self) -> None:
        self._conflict = None
        self.conflict.hide()

    def _resolve(self, choice: SignalInstance) -> None:
        if self._conflict is not None:
            choice.emit(self._conflict[0], self.note.toPlainText())

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if not self._filling:
            self._show_editor(int(current.data(ANNOTATION_ROLE)) if current else None)

    def _activated(self, item: QListWidgetItem) -> None:
        self.annotationChosen.emit(int(item.data(ANNOTATION_ROLE)))

    def _note_changed(self) -> None:
        annotation_id = self.current_id()
        if self._conflict is not None and self._conflict[0] == annotation_id:
            # Nothing is saved while the conflict stands: the editor holds the text.
            self._conflict = (*self._conflict[:2], self.note.toPlainText())
            return
        if not self._filling and annotation_id is not None:
            self.noteEdited.emit(annotation_id, self.note.toPlainText())

    def _tags_edited(self, text: str) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            self.tagsEdited.emit(annotation_id, text)

    def _state_activated(self, index: int) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            self.stateChosen.emit(annotation_id, str(self.state.itemData(index)))

    def _delete_clicked(self) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            self.deleteRequested.emit(annotation_id)
