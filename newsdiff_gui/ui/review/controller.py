"""Review of the comparison on show: notes and verdicts, kept in the store as they are typed.

Notes belong to a pair of stored versions; a comparison with a saved page or an
address cannot hold any (the panel says so). Typing is saved at most
`SAVE_DELAY_MS` after the first unsaved keystroke — a throttle, not a debounce,
so a reviewer who types without pause still has everything older than a
second on disk if the app dies. Deleting is undoable (the store only hides).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMenu

from newsdiff_gui.core.align import Diff
from newsdiff_gui.core.annotations import (
    Anchor,
    Annotation,
    Placement,
    ReviewState,
    anchor_for,
    place_annotations,
    unreviewed_change_rows,
)
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.annotation_store import NoteConflict
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.core.words import plural
from newsdiff_gui.ui.diff.comparison import Comparison, Pair
from newsdiff_gui.ui.diff.view import DiffView
from newsdiff_gui.ui.review.conflicts import NoteConflicts
from newsdiff_gui.ui.review.panel import ReviewPanel

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 500
NOT_STORED = (
    "Notes are kept on two stored versions. This comparison includes a saved page or a "
    "web address: import or track it to write notes on it."
)


class ReviewController(QObject):
    """Signals:

    message(str text)
        Something the status bar should say (a save that failed, an undo).
    changed()
        The notes of the pair on show changed (update actions).
    """

    message = Signal(str)
    changed = Signal()

    def __init__(
        self,
        store: VersionStore,
        view: DiffView,
        panel: ReviewPanel,
        author: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.view, self.panel, self.author = store, view, panel, author
        self.placements: list[Placement] = []
        self._pending: dict[int, dict[str, str]] = {}
        # The revision each note's editor text is based on: a save names it, so a
        # colleague's save in between is a conflict shown to the reviewer, never lost.
        self.bases: dict[int, int] = {}
        self._deleted: list[int] = []
        self._pair_on_show: Pair | None = None
        # The comparison on show, as the view last announced it.
        self.comparison: Comparison | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        view.comparisonShown.connect(self._comparison_shown)
        view.diffShown.connect(self._diff_shown)
        view.rowMenuRequested.connect(self.fill_row_menu)
        panel.annotationChosen.connect(self.go_to)
        panel.noteEdited.connect(partial(self._edited, "note"))
        panel.tagsEdited.connect(partial(self._edited, "tags"))
        panel.stateChosen.connect(self._state_chosen)
        panel.deleteRequested.connect(self.delete)
        panel.undoRequested.connect(self.undo_delete)
        panel.markRemainingRequested.connect(self.mark_remaining)
        self.conflicts = NoteConflicts(self)
        panel.conflictSaveAsNew.connect(self.conflicts.save_as_new)
        panel.conflictReplace.connect(self.conflicts.replace_theirs)

    # -- the pair on show ------------------------------------------------------------

    def pair(self) -> Pair | None:
        return None if self.comparison is None else self.comparison.pair()

    @property
    def diff(self) -> Diff | None:
        return None if self.comparison is None else self.comparison.diff

    def _comparison_shown(self, comparison: Comparison) -> None:
        self.flush()  # what was typed belongs to the pair it was typed on
        self.comparison = comparison

    def _diff_shown(self, _changes: int) -> None:
        # Undo belongs to the pair it was on; folding rows repaints the same pair.
        if self.pair() != self._pair_on_show:
            self._pair_on_show = self.pair()
            self._deleted.clear()
            self.panel.show_undo(False)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.flush()
        pair = self.pair()
        if pair is None or self.diff is None:
            self.placements = []
            self.panel.set_available(False, NOT_STORED if self.diff is not None else "")
            self.view.set_notes({})
            self.changed.emit()
            return
        try:
            annotations = self.store.annotations.for_pair(pair.from_version_id, pair.to_version_id)
        except StoreError as exc:
            self.message.emit(f"Notes could not be read: {exc}")
            return
        self.placements = place_annotations(self.diff, annotations)
        for annotation in annotations:
            if annotation.id != self.panel.conflict_id():  # its editor holds the reviewer's text
                self.bases[annotation.id] = annotation.revision
        self.panel.reviewer = self.author()
        self.panel.set_available(True, "")
        self.panel.set_placements(self.placements, select or self.panel.current_id())
        self._paint_notes()
        self.changed.emit()

    def refresh_notes(self) -> None:
        """Someone else changed notes: reload if this pair's did (selection and unsaved
        text kept); the reviewer's own saves change nothing on screen."""
        pair = self.pair()
        if pair is None or self.diff is None:
            return
        try:
            stored = self.store.annotations.for_pair(pair.from_version_id, pair.to_version_id)
        except StoreError:
            return  # the next change, or the next look at this pair, reads them
        shown = [(p.annotation.id, p.annotation.revision) for p in self.placements]
        if sorted(shown) != sorted((a.id, a.revision) for a in stored):
            self.reload()

    def _paint_notes(self) -> None:
        marks: dict[RowKey, list[tuple[int, str]]] = {}
        for placement in self.placements:
            if placement.row is not None and placement.number:
                marks.setdefault(placement.row, []).append(
                    (placement.number, placement.annotation.note)
                )
        self.view.set_notes(marks)

    def _on_row(self, key: RowKey) -> list[Placement]:
        return [p for p in self.placements if p.row == key]

    # -- commands --------------------------------------------------------------------

    def add_note(self, key: RowKey | None = None, state: ReviewState | None = None) -> int | None:
        """A new note on the row (default: the row the reader is on); its id."""
        pair, diff = self.pair(), self.diff
        if key is None:
            key = self.view.current_key()
        if pair is None or diff is None or key is None:
            return None
        try:
            annotation = self.create_note(pair, anchor_for(diff, key), state, utc_now())
        except StoreError as exc:
            self.message.emit(f"The note could not be saved: {exc}")
            return None
        self.reload(select=annotation.id)
        if state is None:
            self.panel.select(annotation.id, focus_note=True)
        return annotation.id

    def create_note(
        self, pair: Pair, anchor: Anchor, state: ReviewState | None, now: datetime
    ) -> Annotation:
        return self.store.annotations.add(
            article_id=pair.article_id,
            from_version_id=pair.from_version_id,
            to_version_id=pair.to_version_id,
            anchor=anchor,
            now=now,
            state=state or ReviewState.UNREVIEWED,
            author=self.author(),
        )

    def set_state(self, state: ReviewState, key: RowKey | None = None) -> None:
        """Give the row a verdict: on its latest note, or as a new verdict without words."""
        if key is None:
            key = self.view.current_key()
        if key is None:
            return
        existing = [p for p in self._on_row(key) if p.annotation.editable_by(self.author())]
        if not existing:  # a colleague's verdict stays theirs: this one is the reviewer's
            self.add_note(key, state)
            return
        latest = max(existing, key=lambda p: p.annotation.updated_at)
        self._update(latest.annotation.id, state=state)

    def mark_remaining(self) -> None:
        """Every change without a verdict becomes `minor`: reviewed, not significant."""
        pair, diff = self.pair(), self.diff
        if pair is None or diff is None:
            return
        self.flush()
        remaining = unreviewed_change_rows(diff, self.placements)
        now = utc_now()
        try:
            with self.store.transaction():
                for key in remaining:
                    # Every note on such a row is unreviewed: give them the verdict, or
                    # give the row a verdict of its own when it has none.
                    existing = [
                        p for p in self._on_row(key) if p.annotation.editable_by(self.author())
                    ]
                    for placement in existing:
                        self.store.annotations.update(
                            placement.annotation.id,
                            now=now,
                            state=ReviewState.MINOR,
                            editor=self.author(),
                            expected_revision=self.bases.get(placement.annotation.id),
                        )
                    if not existing:
                        self.create_note(pair, anchor_for(diff, key), ReviewState.MINOR, now)
        except StoreError as exc:
            self.message.emit(f"Could not mark the changes: {exc}")
            return
        self.message.emit(f"{plural(len(remaining), 'change')} marked as reviewed (minor)")
        self.reload()

    def delete(self, annotation_id: int) -> None:
        self.flush()
        try:
            self.store.annotations.delete(
                annotation_id,
                utc_now(),
                editor=self.author(),
                expected_revision=self.bases.get(annotation_id),
            )
        except StoreError as exc:
            self.message.emit(f"The note could not be deleted: {exc}")
            return
        self._deleted.append(annotation_id)
        self.panel.show_undo(True)
        self.message.emit("Note deleted (Ctrl+Z to undo)")
        self.reload()

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        annotation_id = self._deleted.pop()
        try:
            self.store.annotations.restore(annotation_id)
        except StoreError as exc:
            self.message.emit(f"The note could not be restored: {exc}")
            return
        self.panel.show_undo(bool(self._deleted))
        self.reload(select=annotation_id)

    def go_to(self, annotation_id: int) -> None:
        for placement in self.placements:
            if placement.annotation.id == annotation_id and placement.row is not None:
                self.view.go_to_key(placement.row)

    # -- saving as the reviewer types ------------------------------------------------

    def _edited(self, field: str, annotation_id: int, text: str) -> None:
        if annotation_id == self.panel.conflict_id():
            return  # held in the editor until the reviewer resolves the conflict
        self._pending.setdefault(annotation_id, {})[field] = text
        if not self._save_timer.isActive():
            self._save_timer.start()

    def _state_chosen(self, annotation_id: int, state: str) -> None:
        self._update(annotation_id, state=ReviewState(state))

    def _update(self, annotation_id: int, state: ReviewState | None = None) -> None:
        self.flush()
        try:
            self.store.annotations.update(
                annotation_id,
                now=utc_now(),
                state=state,
                editor=self.author(),
                expected_revision=self.bases.get(annotation_id),
            )
        except StoreError as exc:
            self.message.emit(f"The note could not be saved: {exc}")
            return
        self.reload(select=annotation_id)

    def flush(self) -> None:
        """Store every unsaved keystroke now."""
        self._save_timer.stop()
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        numbered_before = [p.number for p in self.placements]
        now = utc_now()
        for annotation_id, fields in pending.items():
            tags = fields.get("tags")
            try:
                saved = self.store.annotations.update(
                    annotation_id,
                    now=now,
                    note=fields.get("note"),
                    tags=None if tags is None else tags.split(","),
                    editor=self.author(),
                    expected_revision=self.bases.get(annotation_id),
                )
                self.bases[annotation_id] = saved.revision
            except NoteConflict as exc:
                self.conflicts.met(annotation_id, fields, exc)
                continue
            except StoreError as exc:
                # Keep the text to try again: nothing typed is thrown away.
                self._pending.setdefault(annotation_id, {}).update(fields)
                self.message.emit(f"Notes could not be saved yet: {exc}")
                self._save_timer.start()
                return
        self._replace_placements(numbered_before)

    def _replace_placements(self, numbered_before: list[int]) -> None:
        """After typing: new texts in the list and badges; renumber only if needed."""
        pair, diff = self.pair(), self.diff
        if pair is None or diff is None:
            return
        annotations = self.store.annotations.for_pair(pair.from_version_id, pair.to_version_id)
        self.placements = place_annotations(diff, annotations)
        if [p.number for p in self.placements] != numbered_before:
            self.panel.set_placements(self.placements, self.panel.current_id())
        else:
            for placement in self.placements:
                self.panel.refresh_item(placement)
        self._paint_notes()
        self.changed.emit()

    # -- the row menu ----------------------------------------------------------------

    def fill_row_menu(self, key: RowKey, menu: QMenu) -> None:
        if self.pair() is None:
            menu.addAction("Notes need two stored versions").setEnabled(False)
            return
        menu.addAction("Add note…", partial(self.add_note, key))
        states = menu.addMenu("Mark as")
        for state in ReviewState:
            states.addAction(state.label.capitalize(), partial(self.set_state, state, key))
        menu.addAction("Mark remaining as reviewed", self.mark_remaining)
        for placement in self._on_row(key):
            if not placement.annotation.editable_by(self.author()):
                continue
            label = f"Delete note {placement.number}" if placement.number else "Delete verdict"
            menu.addAction(label, partial(self.delete, placement.annotation.id))
