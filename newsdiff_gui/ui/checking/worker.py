"""The background checker: a `CheckWorker` in its own `QThread`, driven by `CheckThread`
(ui/checking/check_thread.py).

The worker owns everything that blocks: its own `VersionStore` connection, a
`Fetcher` and a `CaptureService`. The UI thread only sends it requests (queued
signals) and receives ids and plain values back, then re-reads what it needs
from its own store connection.

Cancelling: a `threading.Event` shared with the capture service is set from the
UI thread directly (a queued request could not overtake a running check), so a
running check stops at the fetcher's next cancellation point and is recorded as
cancelled; nothing is stored half-way because every capture is one transaction.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from newsdiff_gui.core.audit.author import audit_author
from newsdiff_gui.core.capture import CheckOutcome, CheckReport, ImportOutcome
from newsdiff_gui.core.schedule import is_imported_only
from newsdiff_gui.core.sources import SourceError, read_page_file
from newsdiff_gui.core.store import NotFound, StoreError, VersionStore
from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.timeutil import from_iso
from newsdiff_gui.core.urls import InvalidURL

if TYPE_CHECKING:
    from newsdiff_gui.core.address_check import AddressCheck
    from newsdiff_gui.core.capture import CaptureService

log = logging.getLogger(__name__)

DUE_INTERVAL_MS = 60_000


class CheckWorker(QObject):
    """Runs checks, additions, imports and removals off the UI thread.

    Signals (all carry ids and immutable values only):

    checksStarted(list[int] article_ids)
        A check of these articles just started (their fetches run concurrently).
    checkFinished(int article_id, str outcome, str message, str detail)
        One article's check ended. `outcome` is the value of a `CheckOutcome`,
        `FetchOutcome` or `ImportOutcome` (string enums: "new_version", "unchanged",
        "cancelled", "timeout", "import_new_version", …); `message` is the readable
        error, "" on success; `detail` says why a page that changed made no new
        version (core/unchanged.py), "" otherwise.
    versionAdded(int article_id, int version_number)
        A check or an import stored a new version.
    lifeEvents(int article_id, tuple[LifeEvent, ...] events)
        A check recorded these life events (core/lifecycle.py), after its versionAdded.
    progress(int done, int total)
        Articles finished in the running batch; (0, 0) when the worker is idle again.
    articleAdded(int article_id)
        `track` (or an import of an untracked URL) created an article.
    articleRemoved(int article_id)
        `remove` untracked (kept in the list) or purged (gone) the article;
        `remove_never_worked` deleted it.
    requestFailed(str what, str message)
        A request could not be carried out; `what` names it ("add", "import", "remove",
        "check", "start") and `message` says why in words.
    sourcesPolled(list[int] article_ids)
        The due followed sources were read; these articles were newly tracked from them.
    """

    checksStarted = Signal(list)  # noqa: N815
    checkFinished = Signal(int, str, str, str)  # noqa: N815
    versionAdded = Signal(int, int)  # noqa: N815
    lifeEvents = Signal(int, object)  # noqa: N815
    progress = Signal(int, int)
    articleAdded = Signal(int)  # noqa: N815
    articleRemoved = Signal(int)  # noqa: N815
    requestFailed = Signal(str, str)  # noqa: N815
    sourcesPolled = Signal(list)  # noqa: N815

    def __init__(
        self,
        database: Path | StoreAddress,
        cancel: threading.Event,
        due_interval_ms: int = DUE_INTERVAL_MS,
        fetcher_factory: Any = None,
    ) -> None:
        super().__init__()
        self._database = database
        self._cancel = cancel
        self._fetcher_factory = fetcher_factory
        self._store: VersionStore | None = None
        self._fetcher: Any = None
        self._service: CaptureService | None = None
        self._extractor: Any = None
        # Made and connected here, on the window's thread before the worker is moved
        # (children move with it): connecting on the worker thread would hold the GIL
        # while waiting for Qt's signal-slot lock, which the window's thread holds
        # while it waits for the GIL when it deletes a widget; both would stop.
        self._timer = QTimer(self)
        self._timer.setInterval(due_interval_ms)
        self._timer.timeout.connect(self.check_due)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.setInterval(0)
        self._first.timeout.connect(self.check_due)
        # The reviewer's name for the audit log, set from the window's thread (a str
        # assignment is atomic); "" falls back to $NEWSDIFF_AUTHOR or the login name.
        self.author = ""

    # -- lifetime (all on the worker thread) --------------------------------------

    @Slot()
    def start(self) -> None:
        from newsdiff_gui.core.background import lower_this_thread_priority

        lower_this_thread_priority()
        try:
            self._store = VersionStore.open(self._database)
            self._store.audit.author_source = lambda: audit_author(self.author or None)
            # Imported here, on the worker thread, so the window still opens when the
            # capture engine cannot be loaded; the failure is reported instead.
            from newsdiff_gui.core.capture import CaptureService
            from newsdiff_gui.core.extract.isolated import IsolatedExtractor
            from newsdiff_gui.core.fetch import Fetcher

            factory = self._fetcher_factory or Fetcher
            self._fetcher = factory()
            # Extraction in a child process: on this thread it would hold the
            # interpreter lock the window needs for every paint (see isolated.py).
            self._extractor = IsolatedExtractor(self._cancel)
            self._service = CaptureService(self._store, self._fetcher, extract=self._extractor)
        except Exception as exc:  # no store or no engine: the window still opens
            log.exception("background checker could not start")
            self.requestFailed.emit("start", f"Background checks are unavailable: {exc}")
            return
        self._timer.start()
        self._first.start()

    @Slot()
    def stop(self) -> None:
        self._timer.stop()
        self._first.stop()
        if self._fetcher is not None:
            try:
                self._fetcher.close()
            except Exception:  # closing must never block quitting
                log.exception("closing the fetcher failed")
        if self._extractor is not None:
            self._extractor.close()
        if self._store is not None:
            self._store.close()
        self._store = self._fetcher = self._service = self._extractor = None
        thread = QThread.currentThread()
        thread.quit()

    # -- requests ------------------------------------------------------------------

    @Slot()
    def check_due(self) -> None:
        if self._service is None or self._cancel.is_set():
            return
        self._poll_due_sources()  # first: the articles they add are checked in this pass
        try:
            due = self._service.due_article_ids()
        except StoreError as exc:
            self.requestFailed.emit("check", str(exc))
            return
        if due:
            self._run_checks(due)

    def _poll_due_sources(self) -> None:
        from newsdiff_gui.core.discovery.poll import SourcePoller

        assert self._store is not None
        from newsdiff_gui.core.extract.isolated import ExtractionCancelled

        assert self._extractor is not None
        # Feeds and section pages are read in the extractor's child process too: lxml
        # holds the interpreter lock for tens of milliseconds on a page of teasers.
        poller = SourcePoller(self._store, self._fetcher, read=self._extractor.read_source)
        added: list[int] = []
        try:
            due = poller.due_source_ids()
            if not due:
                return
            for report in poller.poll(due, cancel=self._cancel):
                added.extend(report.added)
        except ExtractionCancelled:
            return  # the app is quitting
        except Exception as exc:  # a store failure: told once; article checks still run
            log.exception("polling sources failed")
            self.requestFailed.emit("check", f"Sources could not be read: {exc}")
        self.sourcesPolled.emit(added)

    @Slot(list)
    def check_articles(self, article_ids: list[int]) -> None:
        if self._service is None:
            self.requestFailed.emit("check", "Background checks are unavailable")
            return
        self._run_checks([int(i) for i in article_ids])

    @Slot()
    def check_all(self) -> None:
        if self._service is None or self._store is None:
            self.requestFailed.emit("check", "Background checks are unavailable")
            return
        # Not the imported-only ones: the user chose, article by article, that their
        # site is not contacted; "all" is not that choice. Check now on one still is.
        articles = self._store.list_articles()
        self._run_checks([a.id for a in articles if not is_imported_only(a)])

    def _run_checks(self, article_ids: list[int]) -> None:
        assert self._service is not None
        if not article_ids or self._cancel.is_set():
            return
        total = len(article_ids)
        # One report for the whole batch: 200 queued signals would reach the window
        # back to back and hold its event loop.
        self.checksStarted.emit(list(article_ids))
        self.progress.emit(0, total)
        done = 0
        finished: set[int] = set()
        try:
            for report in self._service.check(article_ids, cancel=self._cancel):
                done += 1
                finished.add(report.article_id)
                if report.version is not None:
                    self.versionAdded.emit(report.article_id, report.version.number)
                if report.events:
                    self.lifeEvents.emit(report.article_id, report.events)
                self._finished(report)
                self.progress.emit(done, total)
        except Exception as exc:  # a store failure (full disk, removed article) ends the batch
            log.exception("check batch failed")
            self.requestFailed.emit("check", str(exc))
        for article_id in article_ids:
            if article_id not in finished:
                self.checkFinished.emit(
                    article_id, CheckOutcome.CANCELLED, "Check did not finish", ""
                )
        self.progress.emit(0, 0)

    def _finished(self, report: CheckReport) -> None:
        self.checkFinished.emit(
            report.article_id, report.outcome, report.message or "", report.detail or ""
        )

    @Slot(str)
    def track(self, url: str) -> None:
        if self._service is None:
            self.requestFailed.emit("add", "Background checks are unavailable")
            return
        try:
            article = self._service.track(url)
        except (InvalidURL, StoreError) as exc:
            self.requestFailed.emit("add", str(exc))
            return
        self.articleAdded.emit(article.id)
        self._run_checks([article.id])

    @Slot(object)
    def track_checked(self, check: AddressCheck) -> None:
        """Track an address the Add dialog checked, with its page as the first capture
        (or its failure as the first failed check): the page is not fetched again."""
        if self._store is None or self._extractor is None:
            self.requestFailed.emit("add", "Background checks are unavailable")
            return
        from newsdiff_gui.core.address_check import track_checked

        try:
            report = track_checked(self._store, check, self._extractor)
        except (InvalidURL, StoreError) as exc:
            self.requestFailed.emit("add", str(exc))
            return
        self.articleAdded.emit(report.article_id)
        if report.version is not None:
            self.versionAdded.emit(report.article_id, report.version.number)
        self._finished(report)

    @Slot(list)
    def remove_never_worked(self, article_ids: list[int]) -> None:
        """Delete these articles if they still have no stored version.

        Checked again here, in one transaction each: a check that ran since the user
        confirmed may have stored a first version, and versions are never deleted.
        """
        if self._store is None:
            self.requestFailed.emit("remove", "The database is not open")
            return
        try:
            for article_id in article_ids:
                with self._store.transaction():
                    try:
                        article = self._store.get_article(int(article_id))
                    except NotFound:  # already gone
                        continue
                    if article.version_count:
                        continue
                    self._store.purge_article(article.id)
                self.articleRemoved.emit(article.id)
        except StoreError as exc:
            self.requestFailed.emit("remove", str(exc))

    @Slot(str, str, str, bool)
    def import_page(self, path: str, url: str, captured_at: str, check_live: bool) -> None:
        """Import a saved page; `captured_at` is ISO 8601 (UTC).

        The site is contacted only when `check_live` and the import created the
        article: then it is checked at once, as a tracked article would be. An
        article already in the store keeps its schedule (see `import_page`).
        """
        if self._service is None or self._store is None:
            self.requestFailed.emit("import", "Importing is unavailable")
            return
        try:
            # core/sources' rules, as File → Compare and the command line read a page:
            # the 15 MB cap, gzip, the first-bytes check, the same refusals.
            raw = read_page_file(Path(path))
            moment: datetime = from_iso(captured_at)
            known = self._store.find_article(url) is not None
            report = self._service.import_page(url, raw, moment, track=check_live)
        except SourceError as exc:
            self.requestFailed.emit("import", f"{Path(path).name}: {exc.reason}")
            return
        except (OSError, ValueError, StoreError) as exc:
            self.requestFailed.emit("import", f"{Path(path).name}: {exc}")
            return
        if not known:
            self.articleAdded.emit(report.article_id)
        if report.version is not None:
            self.versionAdded.emit(report.article_id, report.version.number)
        self.checkFinished.emit(
            report.article_id, ImportOutcome.of(report.outcome), "", report.detail or ""
        )
        if check_live and not known:
            self._run_checks([report.article_id])

    @Slot(int)
    def start_checking(self, article_id: int) -> None:
        """Put an imported-only article on the schedule and check it now."""
        if self._service is None:
            self.requestFailed.emit("check", "Background checks are unavailable")
            return
        try:
            self._service.start_checking(article_id)
        except StoreError as exc:
            self.requestFailed.emit("check", str(exc))
            return
        self._run_checks([article_id])

    @Slot(int, bool)
    def remove(self, article_id: int, purge: bool) -> None:
        if self._store is None:
            self.requestFailed.emit("remove", "The database is not open")
            return
        try:
            if purge:
                self._store.purge_article(article_id)
            else:
                self._store.untrack(article_id)
        except StoreError as exc:
            self.requestFailed.emit("remove", str(exc))
            return
        self.articleRemoved.emit(article_id)
