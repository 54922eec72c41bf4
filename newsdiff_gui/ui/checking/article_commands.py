"""The article commands: add, import, check, start checking, remove, remove the never-worked.

Kept apart from the main window so the window stays its assembly: this module
knows which dialog each command opens and what it asks the check thread to do.
The window connects its actions and the welcome page's buttons to these methods.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from newsdiff_gui.core.address_check import AddressCheck
from newsdiff_gui.core.store import StoreError
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.ui.app.folders import Location, remember_folder, start_folder
from newsdiff_gui.ui.checking.history_dialog import CheckHistoryDialog
from newsdiff_gui.ui.dialogs.articles import AddArticleDialog, ImportDialog, RemoveDialog
from newsdiff_gui.ui.sidebar.never_worked import RemoveNeverWorkedDialog

if TYPE_CHECKING:
    from newsdiff_gui.ui.app.main_window import MainWindow

# Where the last saved page was imported from; the next import starts there.
IMPORT_FOLDER_KEY = "import/directory"
_PAGE_FILTER = "Web pages (*.html *.htm *.html.gz *.htm.gz);;All files (*)"


class ArticleCommands:
    """What the article commands do; the work itself goes to the window's `CheckThread`."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def add_article(self) -> AddArticleDialog:
        """Open the Add dialog (window-modal, not a nested event loop: checks and
        their reports go on while it checks the address)."""
        window = self.window
        dialog = AddArticleDialog(window.store.find_article, window, window.address_checker)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.trackRequested.connect(self._track_checked)
        dialog.open()
        return dialog

    def _track_checked(self, check: AddressCheck) -> None:
        # Tracked with what the dialog fetched: its first version, or its failure.
        self.window.checker.track_checked(check)
        self.window.statusBar().showMessage(f"Adding {check.url}…", 5000)

    def import_page(self) -> None:
        window = self.window
        start = start_folder(window.settings, IMPORT_FOLDER_KEY, Location.DownloadLocation)
        name, _ = QFileDialog.getOpenFileName(window, "Import saved page", str(start), _PAGE_FILTER)
        if name:
            remember_folder(window.settings, IMPORT_FOLDER_KEY, Path(name))
            # Through the window's entry point, the one dropped pages take too.
            window.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        window = self.window
        try:
            dialog = ImportDialog(
                path, window, settings=window.settings, find_article=window.store.find_article
            )
        except OSError as exc:
            window.request_failed("import", f"{path.name}: {exc}")
            return
        if dialog.exec() == ImportDialog.DialogCode.Accepted:
            live = dialog.check_live_page()
            when = to_iso(dialog.captured_at())
            window.checker.import_page(str(path), dialog.url(), when, live)
            window.statusBar().showMessage(f"Importing {path.name}…", 5000)

    def check_all(self) -> None:
        self.window.checker.check_all()

    def check_one(self, article_id: int) -> None:
        self.window.checker.check([article_id])

    def check_selected(self) -> None:
        article_id = self.window.sidebar.current_article_id()
        if article_id is not None:
            self.window.checker.check([article_id])

    def show_check_history(self) -> CheckHistoryDialog | None:
        """The selected article's checks, in a dialog that stays open beside the window."""
        window = self.window
        article_id = window.sidebar.current_article_id()
        if article_id is None:
            return None
        try:
            article = window.store.get_article(article_id)
            checks = window.store.checks.of_article(article_id)
            numbers = {v.id: v.number for v in window.store.list_versions(article_id)}
        except StoreError as exc:
            window.statusBar().showMessage(f"The check history could not be read: {exc}", 10_000)
            return None
        dialog = CheckHistoryDialog(article.title or article.url, checks, numbers, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def start_checking_selected(self) -> None:
        """Consent, given later, to contact an imported article's site (see ImportDialog)."""
        article_id = self.window.sidebar.current_article_id()
        if article_id is not None:
            self.window.checker.start_checking(article_id)
            self.window.commands.start_checking.setEnabled(False)

    def remove_selected(self) -> None:
        window = self.window
        article_id = window.sidebar.current_article_id()
        if article_id is None:
            return
        article = window.store.get_article(article_id)
        dialog = RemoveDialog(article, window)
        if dialog.exec() == RemoveDialog.DialogCode.Accepted:
            window.checker.remove(article_id, dialog.purge())

    def remove_never_worked(self) -> None:
        dialog = RemoveNeverWorkedDialog(self.window.model.items(), self.window)
        dialog.exec()
        if dialog.confirmed():
            self.window.checker.remove_never_worked(dialog.article_ids())
