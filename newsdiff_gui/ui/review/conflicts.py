"""What the notes controller does when a save meets someone else's save of the same note
(core NoteConflict): the reviewer's text is held in the editor and the colleague's shown
above it (ConflictBox) until the reviewer keeps both or replaces theirs. A note deleted
meanwhile leaves the reviewer's text as a new note of their own. Nothing is ever lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff_gui.core.store import StoreError
from newsdiff_gui.core.store.annotation_store import NoteConflict
from newsdiff_gui.core.timeutil import utc_now

if TYPE_CHECKING:
    from newsdiff_gui.ui.review.controller import ReviewController


class NoteConflicts:
    def __init__(self, controller: ReviewController) -> None:
        self.controller = controller

    def met(self, annotation_id: int, fields: dict[str, str], exc: NoteConflict) -> None:
        mine = fields.get("note")
        if mine is None:
            mine = next(
                (
                    p.annotation.note
                    for p in self.controller.placements
                    if p.annotation.id == annotation_id
                ),
                "",
            )
        if exc.current is None:
            # Deleted by someone else: the reviewer's text becomes a note of their own.
            self._keep_as_new_note(annotation_id, mine)
            self.controller.message.emit(f"{exc} — your text was kept as a new note")
            return
        self.controller.message.emit(str(exc))
        self.controller.panel.show_conflict(annotation_id, exc.current, mine)

    def _keep_as_new_note(self, annotation_id: int, text: str) -> int | None:
        pair = self.controller.pair()
        placement = next(
            (p for p in self.controller.placements if p.annotation.id == annotation_id), None
        )
        if pair is None or placement is None:
            return None
        try:
            created = self.controller.create_note(
                pair, placement.annotation.anchor, None, utc_now()
            )
            self.controller.store.annotations.update(created.id, now=utc_now(), note=text)
        except StoreError as exc:
            self.controller.message.emit(f"The note could not be saved: {exc}")
            return None
        return created.id

    def save_as_new(self, annotation_id: int, text: str) -> None:
        new_id = self._keep_as_new_note(annotation_id, text)
        if new_id is not None:
            self.controller.panel.clear_conflict()
            self.controller.reload(select=new_id)

    def replace_theirs(self, annotation_id: int, text: str) -> None:
        base = self.controller.panel.theirs_revision()
        if self.controller.panel.conflict_id() != annotation_id or base is None:
            return
        try:
            # On the revision the reviewer was shown: a newer save is a new conflict.
            saved = self.controller.store.annotations.update(
                annotation_id,
                now=utc_now(),
                note=text,
                editor=self.controller.author(),
                expected_revision=base,
            )
        except NoteConflict as exc:
            self.met(annotation_id, {"note": text}, exc)
            return
        except StoreError as exc:
            self.controller.message.emit(f"The note could not be saved: {exc}")
            return
        self.controller.bases[annotation_id] = saved.revision
        self.controller.panel.clear_conflict()
        self.controller.reload(select=annotation_id)
