"""Following and polling sources: fetch → read the addresses → track the new ones.

Fetches go through the shared `Fetcher` (its limits, address guard and per-host
slots, so polling and article checks share one politeness budget), with the
source's validators for a conditional GET. Each poll is one store transaction: the
articles it found, the poll's record and the source's next slot commit together.
The store is used from the calling thread only, as in `CaptureService`.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from newsdiff_gui.core.discovery.feeds import parse_feed
from newsdiff_gui.core.discovery.found import DiscoveryError, FoundLink, unique_links
from newsdiff_gui.core.discovery.section_page import find_article_links
from newsdiff_gui.core.discovery.source_schedule import (
    PollEvent,
    SourcePolicy,
    after_poll,
    first_capture_times,
    first_poll_schedule,
)
from newsdiff_gui.core.discovery.url_filter import UrlFilter, optional_filter
from newsdiff_gui.core.extract.isolated import ExtractionCancelled, ReaderFailed
from newsdiff_gui.core.fetch import Fetcher, FetchOutcome, FetchRequest, FetchResult
from newsdiff_gui.core.schedule import SchedulePolicy, ScheduleState
from newsdiff_gui.core.store import NotFound, StoreError, VersionStore
from newsdiff_gui.core.store.source_store import DuplicateSource, PollRecord, Source, SourceKind
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.core.urls import InvalidURL, validate_article_url

log = logging.getLogger(__name__)


class SourceError(StoreError):
    """A source that cannot be followed (unreachable, not a feed, no articles), in words."""


class PollOutcome(enum.StrEnum):
    NEW_ARTICLES = "new_articles"
    NOTHING_NEW = "nothing_new"
    NOT_MODIFIED = "not_modified"
    NO_ARTICLES = "no_articles"  # the body was read but gave no addresses
    CANCELLED = "cancelled"
    INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True, slots=True)
class Preview:
    """What a source lists today (before any filter), read from one fetch."""

    url: str
    kind: SourceKind
    title: str
    links: tuple[FoundLink, ...]
    pattern: str = ""
    feeds: tuple[str, ...] = ()  # feeds a page advertises
    etag: str | None = None
    last_modified: str | None = None

    def filtered(self, url_filter: UrlFilter | None) -> tuple[FoundLink, ...]:
        if url_filter is None:
            return self.links
        return tuple(link for link in self.links if url_filter.matches(link.url))


@dataclass(frozen=True, slots=True)
class PollReport:
    source_id: int
    url: str
    outcome: PollOutcome | FetchOutcome
    found: int  # addresses the source lists that pass its filter
    added: tuple[int, ...]  # articles newly tracked from them
    error: str | None
    http_status: int | None
    duration: float


def read_source(result: FetchResult, known_pattern: str = "") -> Preview:
    """The addresses a successful fetch lists; DiscoveryError when none."""
    url = result.final_url or result.request_url
    if result.text is None:  # the fetcher returns feeds as bytes only
        assert result.body is not None
        feed = parse_feed(result.body, url)
        links = unique_links(list(feed.links))
        return Preview(
            url,
            SourceKind.FEED,
            feed.title,
            links,
            etag=result.etag,
            last_modified=result.last_modified,
        )
    page = find_article_links(result.text, url, known_pattern)
    return Preview(
        url,
        SourceKind.PAGE,
        page.title,
        page.links,
        pattern=page.pattern,
        feeds=page.feeds,
        etag=result.etag,
        last_modified=result.last_modified,
    )


def preview_source(url: str, fetcher: Fetcher, cancel: threading.Event | None = None) -> Preview:
    """Fetch the source once and say what it lists; nothing is stored. SourceError if
    it cannot be read, or lists nothing (one line, naming the address)."""
    try:
        url = validate_article_url(url)
    except InvalidURL as exc:
        raise SourceError(str(exc)) from exc
    result = fetcher.fetch(FetchRequest(url, accept_feeds=True), cancel)
    if not result.ok:
        raise SourceError(f"{url}: {result.error or result.outcome.value}")
    try:
        return read_source(result)
    except DiscoveryError as exc:
        raise SourceError(f"{url}: {exc}") from exc


class SourcePoller:
    def __init__(
        self,
        store: VersionStore,
        fetcher: Fetcher,
        policy: SourcePolicy | None = None,
        clock: Callable[[], datetime] = utc_now,
        article_policy: SchedulePolicy | None = None,
        read: Callable[[FetchResult, str], Preview] = read_source,
    ) -> None:
        """`read` turns a fetched source into its links (the app passes one that runs in
        a child process, see `core/extract/isolated.py`)."""
        self.store = store
        self.fetcher = fetcher
        self.policy = policy or SourcePolicy()
        self.clock = clock
        self.article_policy = article_policy or SchedulePolicy()
        self.read = read

    def preview(self, url: str, cancel: threading.Event | None = None) -> Preview:
        return preview_source(url, self.fetcher, cancel)

    def follow(
        self, url: str, url_filter: str | None = None, preview: Preview | None = None
    ) -> tuple[Source, PollReport]:
        """Follow a source: read it once (or take `preview`), store it and track what it lists."""
        try:
            url = validate_article_url(url)
        except InvalidURL as exc:
            raise SourceError(str(exc)) from exc
        existing = self.store.sources.find(url)
        if existing is not None:
            raise DuplicateSource(url, existing.id)
        started = self.clock()
        preview = preview or self.preview(url)
        now = self.clock()
        with self.store.transaction():
            source = self.store.sources.add(
                url,
                preview.kind,
                schedule=first_poll_schedule(self.policy, now),
                now=now,
                title=preview.title,
                url_filter=url_filter,
            )
            report = self._store_links(source, preview, started, 0.0, None)
        return self.store.sources.get(source.id), report

    def due_source_ids(self) -> list[int]:
        return [source.id for source in self.store.sources.due(self.clock())]

    def poll(
        self, source_ids: Iterable[int], cancel: threading.Event | None = None
    ) -> Iterator[PollReport]:
        """Poll the sources now (concurrently); yield a report per source."""
        by_url = {s.url: s for s in (self.store.sources.get(i) for i in source_ids)}
        requests = [
            FetchRequest(s.url, s.etag, s.last_modified, accept_feeds=True) for s in by_url.values()
        ]
        for result in self.fetcher.fetch_many(requests, cancel=cancel):
            source = by_url.get(result.request_url)
            if source is None:  # cannot happen with our own requests; never crash on it
                log.error("poll result for an unrequested URL %s", result.request_url)
                continue
            try:
                yield self._record(source, result)
            except NotFound:
                log.warning("source %d was removed during its poll", source.id)
            except (StoreError, ExtractionCancelled):
                raise
            except Exception as exc:  # a bug in reading one source must not end the pass
                log.exception("recording the poll of %s failed", source.url)
                message = f"Internal error while reading the source: {type(exc).__name__}: {exc}"
                yield self._failed(source, result, PollOutcome.INTERNAL_ERROR, message)

    def _record(self, source: Source, result: FetchResult) -> PollReport:
        if result.outcome is FetchOutcome.CANCELLED:
            # Learned nothing: the source keeps its state and stays due.
            return PollReport(
                source.id,
                source.url,
                PollOutcome.CANCELLED,
                0,
                (),
                result.error,
                None,
                result.duration,
            )
        if result.outcome is FetchOutcome.NOT_MODIFIED:
            return self._nothing_new(source, result)
        if not result.ok:
            message = result.error or result.outcome.value
            return self._failed(source, result, result.outcome, message)
        try:
            preview = self.read(result, source.learned_pattern)
        except DiscoveryError as exc:
            return self._failed(source, result, PollOutcome.NO_ARTICLES, str(exc))
        except ReaderFailed as exc:  # a page that crashed or outran the reader's child
            message = f"the source could not be read: {exc}"
            return self._failed(source, result, PollOutcome.NO_ARTICLES, message)
        if preview.kind is not source.kind:
            message = f"this address served a {preview.kind.value} when followed as a feed"
            if source.kind is SourceKind.PAGE:
                message = "this address now serves a feed, not the page that was followed"
            return self._failed(source, result, PollOutcome.NO_ARTICLES, message)
        with self.store.transaction():
            return self._store_links(
                source, preview, result.started_at, result.duration, result.status
            )

    def _store_links(
        self,
        source: Source,
        preview: Preview,
        started_at: datetime,
        duration: float,
        http_status: int | None,
    ) -> PollReport:
        """Track the new addresses (spread out) and link every one to the source."""
        now = self.clock()
        links = preview.filtered(optional_filter(source.url_filter))
        known = self.store.sources.known_articles(
            [link.url for link in links] + [link.found_url for link in links]
        )
        new = [link for link in links if link.url not in known and link.found_url not in known]
        due_times = iter(first_capture_times(self.policy, len(new), now))
        added = []
        for link in links:
            article_id = known.get(link.url) or known.get(link.found_url)
            first = article_id is None
            if article_id is None:
                state = ScheduleState(self.article_policy.initial_interval, next(due_times))
                article_id = self.store.add_article(link.url, state, now).id
                added.append(article_id)
            self.store.sources.link(
                source.id, article_id, link.found_url, now, first=first, title=link.title
            )
        event = PollEvent.NEW_ARTICLES if added else PollEvent.NOTHING_NEW
        outcome = PollOutcome.NEW_ARTICLES if added else PollOutcome.NOTHING_NEW
        self.store.sources.record_poll(
            source.id,
            PollRecord(
                started_at,
                duration,
                outcome,
                http_status,
                None,
                len(links),
                len(added),
                preview.etag,
                preview.last_modified,
            ),
            after_poll(self.policy, source.schedule, event, now),
            title=preview.title,
            learned_pattern=preview.pattern if preview.kind is SourceKind.PAGE else None,
        )
        return PollReport(
            source.id, source.url, outcome, len(links), tuple(added), None, http_status, duration
        )

    def _nothing_new(self, source: Source, result: FetchResult) -> PollReport:
        schedule = after_poll(self.policy, source.schedule, PollEvent.NOTHING_NEW, self.clock())
        record = PollRecord(
            result.started_at,
            result.duration,
            PollOutcome.NOT_MODIFIED,
            result.status,
            None,
            0,
            0,
            result.etag,
            result.last_modified,
        )
        self.store.sources.record_poll(source.id, record, schedule)
        return PollReport(
            source.id,
            source.url,
            PollOutcome.NOT_MODIFIED,
            0,
            (),
            None,
            result.status,
            result.duration,
        )

    def _failed(
        self,
        source: Source,
        result: FetchResult,
        outcome: PollOutcome | FetchOutcome,
        message: str,
    ) -> PollReport:
        now = self.clock()
        schedule = after_poll(
            self.policy, source.schedule, PollEvent.FAILED, now, result.retry_after
        )
        record = PollRecord(result.started_at, result.duration, outcome, result.status, message)
        self.store.sources.record_poll(source.id, record, schedule)
        return PollReport(
            source.id, source.url, outcome, 0, (), message, result.status, result.duration
        )
