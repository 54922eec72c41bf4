"""The Review menu and File → Export…, wired to the notes controller and the export runner.

Kept apart from the main window so the window stays a switchboard: this module
knows about reviewer names, export dialogs and the status-bar progress.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QLineEdit, QProgressBar, QPushButton

from newsdiff_gui.core.annotations import Annotation
from newsdiff_gui.core.audit.author import audit_author
from newsdiff_gui.core.audit.exports import record_export
from newsdiff_gui.core.store import StoreError
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.core.words import plural
from newsdiff_gui.ui.diff.comparison import Comparison
from newsdiff_gui.ui.review.controller import ReviewController
from newsdiff_gui.ui.review.export import ExportDialog, ExportRequest, ExportRunner
from newsdiff_gui.ui.review.wacz_export import WaczRequest, WaczRunner, ask_path, tsa_url

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

AUTHOR_KEY = "review/author"


def default_author() -> str:
    """The name used when none is set ($NEWSDIFF_AUTHOR, else the login name)."""
    return audit_author()


def _logged_as(comparison: Comparison) -> tuple[int, str] | None:
    """The article an export of this comparison is logged on, and its versions ("2-3");
    None when neither side is a stored version (a file against an address)."""
    article = comparison.new.article_id or comparison.old.article_id
    if article is None:
        return None
    numbers = [
        str(side.source.number) if side.source and side.source.number else "?"
        for side in (comparison.old, comparison.new)
    ]
    return article, "-".join(numbers)


def file_stem(title: str) -> str:
    """A file name from a headline: words and dashes only, not too long."""
    stem = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")
    return stem[:60].rstrip("-") or "comparison"


class ReviewCommands:
    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        self.window, self.settings = window, settings
        detail = window.detail
        self.controller = ReviewController(
            window.store, detail.diff, detail.review_panel, self.author, window
        )
        # What this window changes in the store is logged under the reviewer's name.
        window.store.audit.author_source = self.author
        window.checker.set_author(self.author())
        self.runner = ExportRunner(window)
        self._export_log: tuple[int, str] | None = None  # article, versions of the export
        self._wacz_article = 0  # the article of the package being written
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("Exporting %p%")
        self.cancel = QPushButton("Cancel export", window)
        for widget in (self.progress, self.cancel):
            window.statusBar().addPermanentWidget(widget)
            widget.hide()
        a = window.commands
        a.add_note.triggered.connect(lambda: self.controller.add_note())
        for state, action in a.mark_states.items():
            action.triggered.connect(partial(self.controller.set_state, state))
        a.mark_remaining.triggered.connect(self.controller.mark_remaining)
        a.undo_delete.triggered.connect(self.controller.undo_delete)
        a.reviewer_name.triggered.connect(self.ask_author)
        a.export.triggered.connect(self.export)
        self.wacz_runner = WaczRunner(window)
        a.export_wacz.triggered.connect(self.export_wacz)
        self.wacz_runner.finished.connect(self._wacz_finished)
        self.wacz_runner.failed.connect(self._failed)
        a.show_notes.toggled.connect(detail.review_panel.setVisible)
        self.controller.message.connect(self._say)
        self.controller.changed.connect(self.update_actions)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.cancel.clicked.connect(self.runner.cancel)
        self.update_actions()

    def author(self) -> str:
        name = self.settings.value(AUTHOR_KEY, "")
        return audit_author(str(name) if name else None)

    def ask_author(self) -> None:
        name, ok = QInputDialog.getText(
            self.window,
            "Reviewer name",
            "Your notes are signed with:",
            QLineEdit.EchoMode.Normal,
            self.author(),
        )
        if ok:
            self.settings.setValue(AUTHOR_KEY, " ".join(name.split())[:100])
            self.window.checker.set_author(self.author())

    def update_actions(self) -> None:
        a = self.window.commands
        annotatable = self.controller.pair() is not None
        for action in (a.add_note, a.mark_remaining, *a.mark_states.values()):
            action.setEnabled(annotatable)
        a.undo_delete.setEnabled(self.controller.can_undo())
        a.export.setEnabled(self._diff_on_show() and not self.runner.busy())
        a.export_wacz.setEnabled(not self.wacz_runner.busy())

    def _diff_on_show(self) -> bool:
        return self.window.detail.showing_diff() and self.controller.comparison is not None

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)
        self.update_actions()

    # -- export ----------------------------------------------------------------------

    def export(self) -> None:
        comparison = self.controller.comparison
        if comparison is None or self.runner.busy() or not self._diff_on_show():
            return
        diff = comparison.diff
        self.controller.flush()  # what was typed a moment ago belongs in the export
        pair = self.controller.pair()
        annotations: tuple[Annotation, ...] = ()
        if pair is not None:
            try:
                annotations = tuple(
                    self.window.store.annotations.for_pair(pair.from_version_id, pair.to_version_id)
                )
            except StoreError as exc:
                self._say(f"Notes could not be read for the export: {exc}")
                return
        dialog = ExportDialog(
            file_stem(diff.new.title or diff.old.title),
            bool(annotations),
            self.window,
            settings=self.settings,
        )
        if dialog.exec() != ExportDialog.DialogCode.Accepted or dialog.path is None:
            return
        request = ExportRequest(
            diff=diff,
            provenance=comparison.provenance(exported_at=utc_now()),
            annotations=annotations,
            options=dialog.options(),
            format=dialog.chosen_format(),
            page_size=dialog.chosen_page_size(),
            path=dialog.path,
        )
        self._export_log = _logged_as(comparison)
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.progress.show()
        self.cancel.show()
        self.runner.start(request)
        self.update_actions()
        self._say(f"Exporting to {request.path.name}…")

    def export_wacz(self) -> None:
        article_id = self.window.sidebar.current_article_id()
        if self.wacz_runner.busy():
            return
        if article_id is None:
            self._say("Select an article to export its evidence package.")
            return
        self.controller.flush()  # notes typed a moment ago belong in the package
        try:
            title = self.window.store.get_article(article_id).title
        except StoreError as exc:
            self._say(f"The article could not be read: {exc}")
            return
        path = ask_path(self.window, file_stem(title or "evidence"), self.settings)
        if path is None:
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        request = WaczRequest(self.window.store.address, article_id, path, tsa_url(self.settings))
        self._wacz_article = article_id
        self.wacz_runner.start(request)
        self.update_actions()
        self._say(f"Exporting the evidence package to {path.name}…")

    def _wacz_finished(self, path: str, summary: str) -> None:
        self._end_export()
        try:  # the package holds every version of the article
            record_export(self.window.store, self._wacz_article, Path(path), "wacz", "all")
        except (StoreError, OSError) as exc:
            self._say(
                f"Exported to {path} ({summary}), but the audit log could not record it: {exc}"
            )
            return
        self._say(f"Exported to {path} ({summary})")

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _finished(self, path: str, pages: int) -> None:
        self._end_export()
        suffix = f" ({plural(pages, 'page')})" if pages else ""
        logged = self._export_log
        if logged is not None:
            try:
                fmt = Path(path).suffix.lstrip(".").lower()
                record_export(self.window.store, logged[0], Path(path), fmt, logged[1])
            except (StoreError, OSError) as exc:
                self._say(
                    f"Exported to {path}{suffix}, but the audit log could not record it: {exc}"
                )
                return
        self._say(f"Exported to {path}{suffix}")

    def _failed(self, message: str) -> None:
        self._end_export()
        self._say(message)

    def _end_export(self) -> None:
        self.progress.hide()
        self.cancel.hide()
        self.update_actions()

    def shutdown(self) -> None:
        self.controller.flush()
        self.runner.shutdown()
        self.wacz_runner.shutdown()
