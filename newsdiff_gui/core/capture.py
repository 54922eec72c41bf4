"""The capture engine: check articles (fetch → extract → store) and import saved pages.

Every attempt ends as one recorded check with a typed outcome and a readable
message; stored versions are only ever added to, never touched by a failure.
The store is used from the calling thread only (fetches run on the fetcher's
threads), so a GUI worker can own one `CaptureService` and its connection.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from newsdiff_gui.core.atom_feed import refresh_feed
from newsdiff_gui.core.check_report import CheckOutcome, CheckReport, ImportOutcome, Outcome
from newsdiff_gui.core.discovery.canonical import canonical_article_url
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    ExtractionError,
    extract_document,
)
from newsdiff_gui.core.extract.isolated import ExtractionCancelled
from newsdiff_gui.core.fetch import Fetcher, FetchOutcome, FetchRequest, FetchResult
from newsdiff_gui.core.fetch.warc import exchange_records
from newsdiff_gui.core.life_judge import (
    failure_sighting,
    fetched_page_sighting,
)
from newsdiff_gui.core.lifecycle import NOTHING_LEARNED, Seen, Sighting
from newsdiff_gui.core.outlet_reading import outlet_furniture
from newsdiff_gui.core.page_import import CHARSET_MISMATCH, ImportRefused, PageImporter
from newsdiff_gui.core.schedule import (
    CheckEvent,
    SchedulePolicy,
    after_check,
    initial_state,
    is_imported_only,
)
from newsdiff_gui.core.store import (
    Article,
    Capture,
    CaptureOutcome,
    DuplicateArticle,
    NotFound,
    StoreError,
    VersionSource,
    VersionStore,
)
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.core.unchanged import same_story_detail, unchanged_text_detail

log = logging.getLogger(__name__)

__all__ = [
    "CaptureService",
    "CheckOutcome",
    "CheckReport",
    "ImportOutcome",
    "ImportRefused",
    "Outcome",
]


class CaptureService:
    def __init__(
        self,
        store: VersionStore,
        fetcher: Fetcher | None = None,
        policy: SchedulePolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
        extract: Callable[[str, str | None], Document] = extract_document,
    ) -> None:
        """`extract` turns a page into a Document (the app passes one that runs in a
        child process, see `core/extract/isolated.py`)."""
        self.store = store
        self.fetcher = fetcher
        self.policy = policy or SchedulePolicy()
        self.clock = clock
        self.extract = extract

    def track(self, url: str) -> Article:
        """Start tracking a URL (validated); due for a first check at once.

        An article that was only imported (never checked on schedule) is started
        here too: asking to track its address is the consent its import lacked.
        """
        # One story, one article: a shared link's utm_/fbclid/AMP variants are the same.
        url = canonical_article_url(url)
        existing = self.store.find_article(url)
        if existing is not None and is_imported_only(existing):
            return self.start_checking(existing.id)
        moved = self.store.events.article_formerly_at(url) if existing is None else None
        if moved is not None:  # the story redirected away from this address: one article
            raise DuplicateArticle(url, moved)
        now = self.clock()
        return self.store.add_article(url, initial_state(self.policy, now), now)

    def start_checking(self, article_id: int) -> Article:
        """Put an imported-only article on the schedule, due at once.

        Any other article keeps its schedule: this is the import's missing consent,
        not a way to revive an article the user stopped or one that settled.
        """
        with self.store.transaction():
            article = self.store.get_article(article_id)
            if is_imported_only(article):
                self.store.update_schedule(article_id, initial_state(self.policy, self.clock()))
            return self.store.get_article(article_id)

    def due_article_ids(self) -> list[int]:
        return [article.id for article in self.store.due_articles(self.clock())]

    def check(
        self, article_ids: Iterable[int], cancel: threading.Event | None = None
    ) -> Iterator[CheckReport]:
        """Check the articles now (fetches run concurrently); yield a report per article."""
        if self.fetcher is None:
            raise RuntimeError("CaptureService.check needs a Fetcher")
        by_url: dict[str, Article] = {}
        for article_id in article_ids:
            article = self.store.get_article(article_id)
            by_url[article.url] = article
        # Validators only help once we hold a version to compare against.
        requests = [
            FetchRequest(a.url, a.etag, a.last_modified) if a.version_count else FetchRequest(a.url)
            for a in by_url.values()
        ]
        for result in self.fetcher.fetch_many(requests, cancel=cancel):
            requested = by_url.get(result.request_url)
            if requested is None:  # cannot happen with our own requests; never crash on it
                log.error("fetch result for an unrequested URL %s", result.request_url)
                continue
            report = self._record_safely(requested, result)
            if report is not None:
                yield report

    def _record_safely(self, article: Article, result: FetchResult) -> CheckReport | None:
        """Record one fetch; anything unexpected becomes a failed check on this article.

        A page that trips a bug in extraction, storing or scheduling must not cost the
        rest of the batch their checks. A StoreError is different: the store itself is
        unusable (disk full, file gone or locked), every later article would fail the
        same way with its page lost, and blaming each article would bury the cause. It
        ends the batch, reported once by the caller (the CLI's one line and exit 1, the
        app's failed-request message); nothing is half-written, every check being one
        transaction. An article removed while its page was being fetched (NotFound) has
        nothing left to record on and is skipped.
        """
        try:
            return self._record_fetch(article, result)
        except NotFound:
            log.warning("article %d was removed during its check; nothing recorded", article.id)
            return None
        except StoreError:
            raise
        except Exception as exc:
            log.exception("recording the check of %s failed", article.url)
            message = f"Internal error while recording the check: {type(exc).__name__}: {exc}"
        try:
            return self._finish(article, result, CheckOutcome.INTERNAL_ERROR, message, None)
        except StoreError:
            raise
        except Exception:  # scheduling itself is broken: keep the failed check at least
            log.exception("recording the failed check of %s failed", article.url)
            self.store.checks.record(
                article.id,
                started_at=result.started_at,
                duration=result.duration,
                outcome=CheckOutcome.INTERNAL_ERROR,
                http_status=result.status,
                error=message,
            )
            return CheckReport(
                article.id,
                article.url,
                CheckOutcome.INTERNAL_ERROR,
                message,
                None,
                result.status,
                result.duration,
            )

    def _record_fetch(self, article: Article, result: FetchResult) -> CheckReport:
        if result.outcome is FetchOutcome.OK and result.text is not None:
            return self._record_page(article, result)
        if result.outcome is FetchOutcome.NOT_MODIFIED:
            return self._finish(
                article, result, CheckOutcome.UNCHANGED, None, None, failure_sighting(result)
            )
        if result.outcome is FetchOutcome.CANCELLED:
            message = "Check cancelled before it finished"
            return self._finish(article, result, CheckOutcome.CANCELLED, message, None)
        return self._finish(
            article,
            result,
            result.outcome,
            result.error or result.outcome.value,
            None,
            failure_sighting(result),
        )

    def _record_page(self, article: Article, result: FetchResult) -> CheckReport:
        assert result.text is not None and result.body is not None
        try:
            document = self.extract(result.text, result.final_url or article.url)
        except ExtractionError as exc:
            latest = self.store.latest_version(article.id)
            sighting = fetched_page_sighting(self.store, article, result, None, latest, False)
            if sighting.seen is Seen.GONE:
                return self._finish(
                    article, result, CheckOutcome.GONE, sighting.detail, None, sighting
                )
            return self._finish(article, result, CheckOutcome.NO_ARTICLE, str(exc), None)
        except ExtractionCancelled:
            message = "Check cancelled before it finished"
            return self._finish(article, result, CheckOutcome.CANCELLED, message, None)
        except Exception as exc:  # the extractor must never take the app down with it
            log.exception("extractor crashed on %s", article.url)
            message = f"Extraction failed: {type(exc).__name__}: {exc}"
            return self._finish(article, result, CheckOutcome.EXTRACTION_FAILED, message, None)
        latest = self.store.latest_version(article.id)
        outlet = outlet_furniture(self.store, article.url, article.id, latest)
        document = outlet(document)

        def extract_again(html: str, url: str | None) -> Document:
            return outlet(self.extract(html, url))

        same = same_story_detail(self.store, latest, document, result.text, outlet, extract_again)
        sighting = fetched_page_sighting(
            self.store, article, result, document, latest, same is not None
        )
        if sighting.listing:  # a list of stories is not a version of the story
            return self._finish(article, result, CheckOutcome.GONE, sighting.detail, None, sighting)
        if same is not None:
            return self._finish(
                article, result, CheckOutcome.UNCHANGED, None, None, sighting, detail=same
            )
        capture = Capture(
            raw=result.body,
            document=document,
            extractor=EXTRACTOR_NAME,
            extractor_version=EXTRACTOR_VERSION,
            captured_at=result.started_at,
            source=VersionSource.FETCH,
            encoding=result.encoding,
            final_url=result.final_url,
            http_status=result.status,
            etag=result.etag,
            last_modified=result.last_modified,
            notices=CHARSET_MISMATCH if result.charset_mismatch else frozenset(),
            warc_records=(
                functools.partial(
                    exchange_records, result.exchange, result.started_at, result.redirects
                )
                if result.exchange is not None
                else None
            ),
        )
        return self._finish(article, result, None, None, capture, sighting)

    def _finish(
        self,
        article: Article,
        result: FetchResult,
        outcome: Outcome | None,
        message: str | None,
        capture: Capture | None,
        sighting: Sighting = NOTHING_LEARNED,
        *,
        detail: str | None = None,
    ) -> CheckReport:
        """Store the life events, the capture (if any), the check and the new schedule
        in one transaction."""
        now = self.clock()
        version = None
        with self.store.transaction():
            events = self.store.events.observe(
                article.id, result.started_at, sighting, seen_before=article.version_count > 0
            )
            if capture is not None:
                stored = self.store.add_capture(article.id, capture)
                new = stored.outcome is CaptureOutcome.NEW_VERSION
                outcome = CheckOutcome.NEW_VERSION if new else CheckOutcome.UNCHANGED
                version = stored.version if new else None
                if not new:
                    detail = unchanged_text_detail(stored.version, capture.raw, capture.document)
            assert outcome is not None
            self.store.checks.record(
                article.id,
                started_at=result.started_at,
                duration=result.duration,
                outcome=outcome,
                http_status=result.status,
                error=message,
                version_id=version.id if version else None,
                etag=result.etag if capture is not None else None,
                last_modified=result.last_modified if capture is not None else None,
                # A cancelled attempt learned nothing about the page: keep the article's
                # last state and schedule (it stays due).
                update_article=outcome != CheckOutcome.CANCELLED,
                detail=detail,
            )
            if outcome != CheckOutcome.CANCELLED:
                event = _schedule_event(outcome, message)
                state = self.store.schedule_of(self.store.get_article(article.id))
                state = after_check(self.policy, state, event, now, result.retry_after)
                self.store.update_schedule(article.id, state)
            if version is not None:
                events += self.store.events.for_version(article.id, version.number)
        if events:
            refresh_feed(self.store)
        return CheckReport(
            article.id,
            article.url,
            outcome,
            message,
            version,
            result.status,
            result.duration,
            tuple(events),
            detail,
        )

    def import_page(
        self,
        url: str,
        raw: bytes,
        captured_at: datetime,
        declared_charset: str | None = None,
        *,
        track: bool = False,
    ) -> CheckReport:
        """Store a saved copy of a page as a version of the article at `url` (see
        `core/page_import.py`); raises ImportRefused with the reason a user can act on."""
        importer = PageImporter(self.store, self.extract, self.policy, self.clock)
        return importer.import_page(url, raw, captured_at, declared_charset, track=track)


def _schedule_event(outcome: Outcome, message: str | None) -> CheckEvent:
    if message is not None:
        return CheckEvent.FAILED
    if outcome == CheckOutcome.NEW_VERSION:
        return CheckEvent.CHANGED
    return CheckEvent.UNCHANGED
