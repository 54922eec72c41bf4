"""The main window: wires the sidebar, the timeline, the detail area and the worker together.

It owns the UI thread's store connection (reads, plus the cheap `mark_read`)
and the `CheckThread`; everything slow goes to the worker or the diff view's
thread pool.
"""

from __future__ import annotations

import logging
from dataclasses import replace
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
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
)

from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.lifecycle import Reach
from newsdiff_gui.core.store import Article, NotFound, StoreError, VersionStore
from newsdiff_gui.ui import theme
from newsdiff_gui.ui.app import window_settings
from newsdiff_gui.ui.app.actions import Actions
from newsdiff_gui.ui.app.detail_area import DetailArea
from newsdiff_gui.ui.app.gc_guard import UiThreadGarbageCollector
from newsdiff_gui.ui.app.notifier import ChangeNotifier
from newsdiff_gui.ui.checking.article_commands import ArticleCommands
from newsdiff_gui.ui.checking.check_thread import CheckThread
from newsdiff_gui.ui.checking.feedback import CheckFeedback
from newsdiff_gui.ui.checking.live_updates import LiveUpdates
from newsdiff_gui.ui.checking.reports import CheckReports
from newsdiff_gui.ui.checking.store_poller import StoreSync
from newsdiff_gui.ui.checking.worker import DUE_INTERVAL_MS
from newsdiff_gui.ui.dialogs.add_check import AddressChecker
from newsdiff_gui.ui.dialogs.articles import AddArticleDialog, dropped_pages
from newsdiff_gui.ui.diff.compare import CompareDialog, CompareLoader
from newsdiff_gui.ui.life.menu import LifeMenu
from newsdiff_gui.ui.review.commands import ReviewCommands
from newsdiff_gui.ui.sidebar.lister import NewArticleLister
from newsdiff_gui.ui.sidebar.model import ArticleItem, ArticleListModel
from newsdiff_gui.ui.sidebar.panel import Sidebar
from newsdiff_gui.ui.sources.commands import SourceCommands
from newsdiff_gui.ui.timeline.panel import VersionTimeline
from newsdiff_gui.ui.tour.session import TourLauncher

log = logging.getLogger(__name__)


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
        self.check_reports = CheckReports(self)  # the worker's reports, on screen
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
            store.address, self, due_interval_ms=due_interval_ms, fetcher_factory=fetcher_factory
        )
        self.article_commands = ArticleCommands(self)  # add, import, check, remove
        # Articles sources add (here or in a colleague's watcher), listed a slice per turn.
        self.new_articles = NewArticleLister(store, self.model, self)
        # Followed feeds and section pages: the sidebar's Sources section.
        self.source_commands = SourceCommands(self, fetcher_factory)
        self.store_sync = StoreSync(self)  # what colleagues and watchers write, within seconds
        self.review = ReviewCommands(self, settings)
        self.detail.currentChanged.connect(self.review.update_actions)
        self.tour = TourLauncher(self, settings)  # the welcome page's offer, Help menu
        self.life = LifeMenu(self)  # since my last look, digest, Atom feed (File menu)
        self._connect()
        self.reload_articles()
        window_settings.restore(self)
        self.update_actions()
        if start_worker:
            self.checker.start()
            self.store_sync.start()

    # -- wiring ----------------------------------------------------------------------

    def _connect(self) -> None:
        a, articles = self.commands, self.article_commands
        a.add_article.triggered.connect(articles.add_article)
        a.import_page.triggered.connect(articles.import_page)
        a.compare.triggered.connect(self.compare_documents)
        self.compare_loader.ready.connect(self.detail.show_sides)
        self.compare_loader.failed.connect(self._compare_failed)
        a.check_all.triggered.connect(articles.check_all)
        a.check_selected.triggered.connect(articles.check_selected)
        a.start_checking.triggered.connect(articles.start_checking_selected)
        a.check_history.triggered.connect(articles.show_check_history)
        a.remove.triggered.connect(articles.remove_selected)
        a.remove_never_worked.triggered.connect(articles.remove_never_worked)
        a.open_in_browser.triggered.connect(self.open_selected_in_browser)
        a.copy_url.triggered.connect(self.copy_selected_url)
        self.sidebar.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.sidebar.view.addActions(a.article_context_actions())
        a.quit.triggered.connect(self.close)
        a.next_change.triggered.connect(self.detail.next_change)
        a.previous_change.triggered.connect(self.detail.previous_change)
        a.find.triggered.connect(self.detail.open_find)
        a.hide_unchanged.toggled.connect(self.detail.set_hide_unchanged)
        a.hide_minor.toggled.connect(self.detail.set_hide_minor)
        a.show_sidebar.toggled.connect(self.sidebar.setVisible)
        a.show_timeline.toggled.connect(self._update_timeline_visibility)
        a.show_legend.toggled.connect(self.detail.set_legend_visible)
        a.show_toolbar.toggled.connect(self.toolbar.setVisible)
        self.sidebar.currentArticleChanged.connect(self._article_selected)
        self.timeline.comparisonChanged.connect(self._comparison_chosen)
        self.detail.addRequested.connect(articles.add_article)
        self.detail.importRequested.connect(articles.import_page)
        self.detail.demoRequested.connect(self.open_demo)
        self.detail.checkRequested.connect(articles.check_one)
        # Bound methods of QObjects on this thread, never lambdas: a lambda has no thread
        # of its own, so Qt would call it directly on the worker thread instead of queueing it.
        worker, reports = self.checker.worker, self.check_reports
        worker.checksStarted.connect(reports.checks_started)
        worker.checkFinished.connect(reports.check_finished)
        worker.versionAdded.connect(reports.version_added)
        worker.lifeEvents.connect(reports.life_events)
        worker.progress.connect(reports.progress)
        worker.articleAdded.connect(reports.article_added)
        worker.articleRemoved.connect(reports.article_removed)
        worker.requestFailed.connect(self.request_failed)
        worker.sourcesPolled.connect(self.source_commands.sources_polled)

    # -- articles --------------------------------------------------------------------

    def _item(self, article: Article, reach: Reach | None = None) -> ArticleItem:
        item = ArticleItem.from_article(article)
        if (reach or self.store.events.reach(article.id)) is Reach.GONE:
            item = replace(item, gone=True)
        return item

    def reload_articles(self) -> None:
        try:
            articles = self.store.list_articles()
            reaches = self.store.events.reaches()  # one query, not one per article
        except StoreError as exc:
            self.statusBar().showMessage(str(exc))
            return
        self.model.set_items(self._item(a, reaches.get(a.id)) for a in articles)
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

    def _article_selected(self, article_id: int | None) -> None:
        self.update_actions()
        self.feedback.selected(article_id)
        if article_id is None:
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
        self.timeline.set_versions(versions, events=self.store.events.for_article(article_id))
        self.mark_read(article_id)

    def _comparison_chosen(self, old_number: int, new_number: int) -> None:
        article_id = self.sidebar.current_article_id()
        if article_id is None:
            return
        try:
            article = self.store.get_article(article_id)
        except NotFound:
            return
        self.detail.show_comparison(article, old_number, new_number)

    def mark_read(self, article_id: int) -> None:
        item = self.model.item(article_id)
        if item is None or not item.unread_changes or not self.marks_read:
            return
        try:
            self.store.mark_read(article_id)
        except StoreError as exc:  # a busy database only delays the badge
            log.warning("could not mark article %d read: %s", article_id, exc)
            return
        self.refresh_article(article_id)

    # -- failed requests -------------------------------------------------------------

    def request_failed(self, what: str, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)
        if what in {"add", "import", "compare"}:
            box = QMessageBox(QMessageBox.Icon.Warning, "newsdiff", message, parent=self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): the window keeps running while the box is up

    # -- commands --------------------------------------------------------------------

    # The article commands live in ArticleCommands; these stay for drops and callers.

    def add_article(self) -> AddArticleDialog:
        return self.article_commands.add_article()

    def import_page(self) -> None:
        self.article_commands.import_page()

    def import_file(self, path: Path) -> None:
        self.article_commands.import_file(path)

    def compare_documents(self) -> None:
        dialog = CompareDialog(self.store, self)
        if dialog.exec() == CompareDialog.DialogCode.Accepted and dialog.sources:
            self.statusBar().showMessage("Preparing the comparison…", 5000)
            self.compare_loader.load(*dialog.sources)

    def _compare_failed(self, message: str) -> None:
        self.request_failed("compare", f"Cannot compare: {message}")

    def open_demo(self) -> None:
        """Add the fictional demo articles (never checked: their addresses are made up)."""
        try:
            ids = load_demo(self.store)
        except (OSError, ValueError, StoreError) as exc:
            self.request_failed("import", f"The demo could not be opened: {exc}")
            return
        self.reload_articles()
        self.update_actions()
        if ids:
            self.sidebar.select_first()

    def check_all(self) -> None:
        self.article_commands.check_all()

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

    def update_actions(self) -> None:
        self._update_timeline_visibility()
        selected = self.sidebar.current_article_id() is not None
        for action in (
            self.commands.check_selected,
            self.commands.check_history,
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
        self.store_sync.shutdown()
        self.live.stop()
        self.detail.shutdown()
        self.notifier.shutdown()
        self.address_checker.shutdown()
        self.source_commands.shutdown()
        self.compare_loader.shutdown()
        self.life.shutdown()
        self.collector.stop()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.commands.refresh_icons()
            self.setWindowIcon(theme.icon("app"))
