"""The main window: wires the sidebar, the timeline, the detail area and the worker together.

It owns the UI thread's store connection (reads, plus the cheap `mark_read`)
and the `CheckThread`; everything slow goes to the worker or the diff view's
thread pool.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from newsdiff_gui.core.address_check import AddressCheck
from newsdiff_gui.core.store import Article, NotFound, StoreError, VersionStore
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.ui import theme, window_settings
from newsdiff_gui.ui.actions import Actions
from newsdiff_gui.ui.add_check import AddressChecker
from newsdiff_gui.ui.article_model import ArticleItem, ArticleListModel
from newsdiff_gui.ui.batch_status import BatchTally
from newsdiff_gui.ui.check_feedback import CheckFeedback
from newsdiff_gui.ui.compare import CompareDialog, CompareLoader
from newsdiff_gui.ui.demo import load_demo
from newsdiff_gui.ui.detail_area import DetailArea
from newsdiff_gui.ui.dialogs import AddArticleDialog, ImportDialog, RemoveDialog, dropped_pages
from newsdiff_gui.ui.folders import Location, remember_folder, start_folder
from newsdiff_gui.ui.gc_guard import UiThreadGarbageCollector
from newsdiff_gui.ui.live_updates import LiveUpdates
from newsdiff_gui.ui.never_worked import RemoveNeverWorkedDialog
from newsdiff_gui.ui.notifier import ChangeNotifier
from newsdiff_gui.ui.review_commands import ReviewCommands
from newsdiff_gui.ui.sidebar import Sidebar
from newsdiff_gui.ui.timeline import VersionTimeline
from newsdiff_gui.ui.tour_session import TourLauncher
from newsdiff_gui.ui.worker import DUE_INTERVAL_MS, CheckThread

log = logging.getLogger(__name__)


# Where the last saved page was imported from; the next import starts there.
IMPORT_FOLDER_KEY = "import/directory"


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: VersionStore,
        settings: QSettings,
        *,
        start_worker: bool = True,
        due_interval_ms: int = DUE_INTERVAL_MS,
        fetcher_factory: object = None,
        marks_read: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        # False for --screenshot: looking at an article must not change the user's store.
        self.marks_read = marks_read
        self.settings = settings
        self.setWindowTitle("newsdiff")
        self.setWindowIcon(theme.icon("app"))
        self.setAcceptDrops(True)
        # Before any other thread runs Python: see gc_guard.py.
        self.collector = UiThreadGarbageCollector(self)

        self.model = ArticleListModel(self)
        self.sidebar = Sidebar(self.model, self)
        self.timeline = VersionTimeline(self)
        self.detail = DetailArea(store, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([320, 240, 900])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.commands = Actions(self)  # not `actions`: QWidget.actions() exists
        self.commands.build_menus(self)
        self.toolbar = self.commands.build_toolbar(self)
        self.progress_label = QLabel(self)
        self.batch = BatchTally()  # what the running batch of checks found so far
        self.statusBar().addPermanentWidget(self.progress_label)

        self.live = LiveUpdates(self.model.set_checking_many, self._refresh_row, self)
        self.notifier = ChangeNotifier(store, self)
        # Failed checks where the user looks: the pane, the status bar, notifications.
        self.feedback = CheckFeedback(
            store,
            self.model,
            self.detail,
            self.notifier,
            self.statusBar(),
            self.sidebar.current_article_id,
            self,
        )
        # The Add dialog's check of an address, before anything is tracked.
        self.address_checker = AddressChecker(self, fetcher_factory=fetcher_factory)
        self.compare_loader = CompareLoader(store, self)
        self.checker = CheckThread(
            store.path, self, due_interval_ms=due_interval_ms, fetcher_factory=fetcher_factory
        )
        self.review = ReviewCommands(self, settings)
        self.detail.currentChanged.connect(self.review.update_actions)
        self.tour = TourLauncher(self, settings)  # the welcome page's offer, Help menu
        self._connect()
        self.reload_articles()
        window_settings.restore(self)
        self._update_actions()
        if start_worker:
            self.checker.start()

    # -- wiring ----------------------------------------------------------------------

    def _connect(self) -> None:
        a = self.commands
        a.add_article.triggered.connect(self.add_article)
        a.import_page.triggered.connect(self.import_page)
        a.compare.triggered.connect(self.compare_documents)
        self.compare_loader.ready.connect(self.detail.show_sides)
        self.compare_loader.failed.connect(self._compare_failed)
        a.check_all.triggered.connect(self.check_all)
        a.check_selected.triggered.connect(self.check_selected)
        a.start_checking.triggered.connect(self.start_checking_selected)
        a.remove.triggered.connect(self.remove_selected)
        a.remove_never_worked.triggered.connect(self.remove_never_worked)
        a.open_in_browser.triggered.connect(self.open_selected_in_browser)
        a.copy_url.triggered.connect(self.copy_selected_url)
        self.sidebar.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.sidebar.view.addActions(a.article_context_actions())
        a.quit.triggered.connect(self.close)
        a.next_change.triggered.connect(self.detail.diff.next_change)
        a.previous_change.triggered.connect(self.detail.diff.previous_change)
        a.find.triggered.connect(self.detail.diff.open_find)
        a.hide_unchanged.toggled.connect(self.detail.diff.set_hide_unchanged)
        a.hide_minor.toggled.connect(self.detail.diff.set_hide_minor)
        a.show_sidebar.toggled.connect(self.sidebar.setVisible)
        a.show_timeline.toggled.connect(self._update_timeline_visibility)
        a.show_legend.toggled.connect(self.detail.diff.legend.setVisible)
        a.show_toolbar.toggled.connect(self.toolbar.setVisible)
        self.sidebar.currentArticleChanged.connect(self._article_selected)
        self.timeline.comparisonChanged.connect(self._comparison_chosen)
        self.detail.addRequested.connect(self.add_article)
        self.detail.importRequested.connect(self.import_page)
        self.detail.demoRequested.connect(self.open_demo)
        self.detail.checkRequested.connect(self._check_one)
        # Bound methods of this window, never lambdas: a lambda has no thread of its own,
        # so Qt would call it directly on the worker thread instead of queueing it here.
        worker = self.checker.worker
        worker.checksStarted.connect(self._checks_started)
        worker.checkFinished.connect(self._check_finished)
        worker.versionAdded.connect(self._version_added)
        worker.progress.connect(self._progress)
        worker.articleAdded.connect(self._article_added)
        worker.articleRemoved.connect(self._article_removed)
        worker.requestFailed.connect(self._request_failed)

    # -- articles --------------------------------------------------------------------

    def _item(self, article: Article) -> ArticleItem:
        return ArticleItem.from_article(article)

    def reload_articles(self) -> None:
        try:
            articles = self.store.list_articles()
        except StoreError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.model.set_items(self._item(a) for a in articles)
        if not articles:
            self.detail.show_welcome()

    def _refresh_row(self, article_id: int) -> None:
        try:
            self.refresh_article(article_id)
        except StoreError as exc:  # a busy database: the next report refreshes the row
            log.warning("could not refresh article %d: %s", article_id, exc)

    def refresh_article(self, article_id: int) -> Article | None:
        try:
            article = self.store.get_article(article_id)
        except NotFound:
            self.model.remove_item(article_id)
            return None
        self.model.update_item(self._item(article))
        return article

    def _article_selected(self, article_id: int) -> None:
        self._update_actions()
        self.feedback.selected(article_id)
        if article_id < 0:
            self.timeline.set_versions([])
            if self.model.rowCount():
                self.detail.show_nothing_selected()
            else:
                self.detail.show_welcome()
            return
        try:
            versions = self.store.list_versions(article_id)
        except StoreError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.timeline.set_versions(versions)
        self._mark_read(article_id)

    def _comparison_chosen(self, old_number: int, new_number: int) -> None:
        article_id = self.sidebar.current_article_id()
        if article_id < 0:
            return
        try:
            article = self.store.get_article(article_id)
        except NotFound:
            return
        self.detail.show_comparison(article, old_number, new_number)

    def _mark_read(self, article_id: int) -> None:
        item = self.model.item(article_id)
        if item is None or not item.unread_changes or not self.marks_read:
            return
        try:
            self.store.mark_read(article_id)
        except StoreError as exc:  # a busy database only delays the badge
            log.warning("could not mark article %d read: %s", article_id, exc)
            return
        self.refresh_article(article_id)

    # -- worker reports --------------------------------------------------------------

    def _checks_started(self, article_ids: list[int]) -> None:
        for article_id in article_ids:
            self.live.checking(article_id, True)
        self.feedback.checks_started(article_ids)

    def _check_finished(self, article_id: int, outcome: str, message: str) -> None:
        self.live.checking(article_id, False)
        self.live.stale(article_id)
        self.feedback.check_finished(article_id, outcome, message)
        self.batch.check_finished(article_id, outcome)

    def _version_added(self, article_id: int, number: int) -> None:
        self.batch.version_added(article_id, number)
        # The row itself is refreshed when the check's "finished" report follows.
        self.notifier.version_added(article_id, number)
        if article_id != self.sidebar.current_article_id():
            return
        self.refresh_article(article_id)  # the one being read: at once, to mark it read
        # Follow the new version only if the reader was on the latest one already.
        _old, new = self.timeline.selected()
        latest = max((entry.number for entry in self.timeline.entries), default=0)
        versions = self.store.list_versions(article_id)
        if new == latest:
            self.timeline.set_versions(versions)
        else:
            self.timeline.set_versions(versions, select=new)
        self._mark_read(article_id)

    def _progress(self, done: int, total: int) -> None:
        if total:
            if done == 0:  # a new batch
                self.batch = BatchTally()
            self.progress_label.setText(f"Checking {done} of {total}…")
        else:
            self.progress_label.setText("")
            self.statusBar().showMessage(self.batch.text(), 15_000)
            self.batch = BatchTally()

    def _article_added(self, article_id: int) -> None:
        self.refresh_article(article_id)
        self.sidebar.select_article(article_id)

    def _article_removed(self, article_id: int) -> None:
        self.refresh_article(article_id)
        self._update_actions()

    def _request_failed(self, what: str, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        if what in {"add", "import", "compare"}:
            box = QMessageBox(QMessageBox.Icon.Warning, "newsdiff", message, parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): the window keeps running while the box is up

    # -- commands --------------------------------------------------------------------

    def add_article(self) -> AddArticleDialog:
        """Open the Add dialog (window-modal, not a nested event loop: checks and
        their reports go on while it checks the address)."""
        dialog = AddArticleDialog(self.store.find_article, self, self.address_checker)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.trackRequested.connect(self._track_checked)
        dialog.open()
        return dialog

    def _track_checked(self, check: AddressCheck) -> None:
        # Tracked with what the dialog fetched: its first version, or its failure.
        self.checker.track_checked(check)
        self.statusBar().showMessage(f"Adding {check.url}…", 5000)

    def remove_never_worked(self) -> None:
        dialog = RemoveNeverWorkedDialog(self.model.items(), self)
        dialog.exec()
        if dialog.confirmed():
            self.checker.remove_never_worked(dialog.article_ids())

    def import_page(self) -> None:
        start = start_folder(self.settings, IMPORT_FOLDER_KEY, Location.DownloadLocation)
        name, _ = QFileDialog.getOpenFileName(
            self, "Import saved page", str(start), "Web pages (*.html *.htm);;All files (*)"
        )
        if name:
            remember_folder(self.settings, IMPORT_FOLDER_KEY, Path(name))
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        try:
            dialog = ImportDialog(
                path, self, settings=self.settings, find_article=self.store.find_article
            )
        except OSError as exc:
            self._request_failed("import", f"{path.name}: {exc}")
            return
        if dialog.exec() == ImportDialog.DialogCode.Accepted:
            live = dialog.check_live_page()
            when = to_iso(dialog.captured_at())
            self.checker.import_page(str(path), dialog.url(), when, live)
            self.statusBar().showMessage(f"Importing {path.name}…", 5000)

    def compare_documents(self) -> None:
        dialog = CompareDialog(self.store, self)
        if dialog.exec() == CompareDialog.DialogCode.Accepted and dialog.sources:
            self.statusBar().showMessage("Preparing the comparison…", 5000)
            self.compare_loader.load(*dialog.sources)

    def _compare_failed(self, message: str) -> None:
        self._request_failed("compare", f"Cannot compare: {message}")

    def open_demo(self) -> None:
        """Add the fictional demo articles (never checked: their addresses are made up)."""
        try:
            ids = load_demo(self.store)
        except (OSError, ValueError, StoreError) as exc:
            self._request_failed("import", f"The demo could not be opened: {exc}")
            return
        self.reload_articles()
        self._update_actions()
        if ids:
            self.sidebar.select_first()

    def check_all(self) -> None:
        self.checker.check_all()

    def _check_one(self, article_id: int) -> None:
        self.checker.check([article_id])

    def check_selected(self) -> None:
        article_id = self.sidebar.current_article_id()
        if article_id >= 0:
            self.checker.check([article_id])

    def start_checking_selected(self) -> None:
        """Consent, given later, to contact an imported article's site (see ImportDialog)."""
        article_id = self.sidebar.current_article_id()
        if article_id >= 0:
            self.checker.start_checking(article_id)
            self.commands.start_checking.setEnabled(False)

    def remove_selected(self) -> None:
        article_id = self.sidebar.current_article_id()
        if article_id < 0:
            return
        article = self.store.get_article(article_id)
        dialog = RemoveDialog(article, self)
        if dialog.exec() == RemoveDialog.DialogCode.Accepted:
            self.checker.remove(article_id, dialog.purge())

    def _selected_url(self) -> str:
        item = self.model.item(self.sidebar.current_article_id())
        return item.url if item is not None else ""

    def open_selected_in_browser(self) -> None:
        url = self._selected_url()
        if url:
            QDesktopServices.openUrl(QUrl(url))

    def copy_selected_url(self) -> None:
        url = self._selected_url()
        if url:
            QGuiApplication.clipboard().setText(url)

    def _update_timeline_visibility(self) -> None:
        # A newcomer with no article sees the welcome page, not an empty version list.
        wanted = self.commands.show_timeline.isChecked() and self.model.rowCount() > 0
        self.timeline.setVisible(wanted)

    def _update_actions(self) -> None:
        self._update_timeline_visibility()
        selected = self.sidebar.current_article_id() >= 0
        for action in (
            self.commands.check_selected,
            self.commands.remove,
            self.commands.open_in_browser,
            self.commands.copy_url,
        ):
            action.setEnabled(selected)
        item = self.model.item(self.sidebar.current_article_id())
        self.commands.start_checking.setEnabled(item is not None and item.imported_only)

    # -- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_pages(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        pages = dropped_pages(event.mimeData().urls())
        if pages:
            event.acceptProposedAction()
            for path in pages:
                self.import_file(path)

    # -- settings and lifetime -------------------------------------------------------

    def save_settings(self) -> None:
        window_settings.save(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_settings()
        self.review.shutdown()
        self.checker.shutdown()
        self.live.stop()
        self.detail.diff.shutdown()
        self.notifier.shutdown()
        self.address_checker.shutdown()
        self.compare_loader.shutdown()
        self.collector.stop()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.commands.refresh_icons()
            self.setWindowIcon(theme.icon("app"))
