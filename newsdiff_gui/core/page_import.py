"""Importing a saved page: a version stored from a file, without contacting the site."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from newsdiff_gui.core.atom_feed import refresh_feed
from newsdiff_gui.core.charset import DecodedPage, decode_html
from newsdiff_gui.core.check_report import CheckOutcome, CheckReport, ImportOutcome
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractionError
from newsdiff_gui.core.extract.isolated import ExtractionCancelled
from newsdiff_gui.core.fetch.warc import IMPORT_NOTE, resource_record
from newsdiff_gui.core.outlet_reading import outlet_furniture
from newsdiff_gui.core.schedule import SchedulePolicy, imported_only_state, initial_state
from newsdiff_gui.core.sniff import NotAPage, ensure_page
from newsdiff_gui.core.store import (
    Article,
    Capture,
    CaptureOutcome,
    StoreError,
    VersionNotice,
    VersionSource,
    VersionStore,
)
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.core.unchanged import unchanged_text_detail
from newsdiff_gui.core.urls import validate_article_url

# The page declared a charset its bytes do not fit: the reviewer is told (see core/charset.py).
CHARSET_MISMATCH = frozenset({VersionNotice.CHARSET_MISMATCH})


class ImportRefused(StoreError):
    """A saved page that cannot be imported (no article, out of order)."""


@dataclass(frozen=True, slots=True)
class PageImporter:
    store: VersionStore
    extract: Callable[[str, str | None], Document]
    policy: SchedulePolicy
    clock: Callable[[], datetime]

    def import_page(
        self,
        url: str,
        raw: bytes,
        captured_at: datetime,
        declared_charset: str | None = None,
        *,
        track: bool = False,
    ) -> CheckReport:
        """Store a saved copy of a page as a version of the article at `url`.

        Importing never contacts the site. A new article is created checked on
        schedule (due at once) only with `track`; without it, it is kept as
        imported only and no request is ever made for it until the user asks. An
        article already in the store keeps its schedule either way: adding a copy
        to it neither starts nor stops its checks. Versions are numbered in capture
        order, so a copy older than the latest stored version is refused rather
        than silently renumbering versions that notes and scripts refer to.
        """
        url = validate_article_url(url)
        started = time.monotonic()
        page, document = self._read(url, raw, declared_charset)
        article = self.store.find_article(url)
        latest = self.store.latest_version(article.id) if article is not None else None
        document = outlet_furniture(self.store, url, article.id if article else 0, latest)(document)
        if article is not None and latest is not None and captured_at < latest.captured_at:
            raise ImportRefused(
                f"article {article.id} already has version {latest.number} captured at "
                f"{to_iso(latest.captured_at)}, after {to_iso(captured_at)}; import older "
                "copies before newer ones"
            )
        capture = Capture(
            raw=raw,
            document=document,
            extractor=EXTRACTOR_NAME,
            extractor_version=EXTRACTOR_VERSION,
            captured_at=captured_at,
            source=VersionSource.IMPORT,
            encoding=page.encoding,
            final_url=url,
            notices=CHARSET_MISMATCH if page.mismatch else frozenset(),
            warc_records=functools.partial(
                resource_record,
                url,
                captured_at,
                raw,
                _import_content_type(page.encoding),
                IMPORT_NOTE,
            ),
        )
        return self._store(url, article, capture, track, started)

    def _read(
        self, url: str, raw: bytes, declared_charset: str | None
    ) -> tuple[DecodedPage, Document]:
        try:
            ensure_page(raw)  # a text-like PDF would otherwise "extract" as an article
        except NotAPage as exc:
            raise ImportRefused(str(exc)) from exc
        page = decode_html(raw, declared_charset)
        try:
            return page, self.extract(page.text, url)
        except ExtractionError as exc:
            raise ImportRefused(f"no article found in the file: {exc}") from exc
        except (RuntimeError, ExtractionCancelled) as exc:  # the isolated extractor's faults
            raise ImportRefused(f"the file could not be read: {exc}") from exc

    def _store(
        self, url: str, article: Article | None, capture: Capture, track: bool, started: float
    ) -> CheckReport:
        with self.store.transaction():
            # Created with its version, so a failed import leaves no empty article.
            article = article or self._add_imported_article(url, track)
            stored = self.store.add_capture(article.id, capture)
            new = stored.outcome is CaptureOutcome.NEW_VERSION
            outcome = CheckOutcome.NEW_VERSION if new else CheckOutcome.UNCHANGED
            duration = time.monotonic() - started
            detail = (
                None
                if new
                else unchanged_text_detail(stored.version, capture.raw, capture.document)
            )
            self.store.checks.record(
                article.id,
                started_at=capture.captured_at,
                duration=duration,
                outcome=ImportOutcome.of(outcome),
                version_id=stored.version.id if new else None,
                detail=detail,
            )
        if new:
            refresh_feed(self.store)
        version = stored.version if new else None
        return CheckReport(article.id, url, outcome, None, version, None, duration, detail=detail)

    def _add_imported_article(self, url: str, track: bool) -> Article:
        now = self.clock()
        schedule = initial_state(self.policy, now) if track else imported_only_state(self.policy)
        return self.store.add_article(url, schedule, now)


def _import_content_type(encoding: str | None) -> str:
    """What is known of an imported file's type: a page, in the encoding it was read in."""
    return f"text/html; charset={encoding}" if encoding else "text/html"
