"""Checking an address before it is tracked, and tracking it with what the check found.

The Add dialog asks: is this address an article? One fetch and one extraction
answer it, and the answer is kept: when the user goes on to track the address,
the page already fetched becomes the first capture, recorded by the capture
engine exactly as a scheduled check would record it (no second request).
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import cast

from newsdiff_gui.core.capture import CaptureService, CheckReport
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import ExtractionError
from newsdiff_gui.core.extract.isolated import ExtractionCancelled
from newsdiff_gui.core.fetch import Fetcher, FetchOutcome, FetchRequest, FetchResult
from newsdiff_gui.core.store import NotFound, VersionStore

Extract = Callable[[str, str | None], Document]

# Answers that say nothing final about the page: a story announced before it is
# published (404), a server in trouble (5xx), rate limiting, a network hiccup.
_TRANSIENT_STATUSES = frozenset({404, 408, 425, 429})
_TRANSIENT_OUTCOMES = frozenset({FetchOutcome.TIMEOUT, FetchOutcome.CONNECTION_ERROR})


class Verdict(enum.StrEnum):
    ARTICLE = "article"
    # Not an article now, but the page may come back: tracking it anyway makes sense.
    MAY_COME_BACK = "may_come_back"
    NOT_AN_ARTICLE = "not_an_article"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class AddressCheck:
    """What checking `url` found; `result` and `document` are kept for tracking it."""

    url: str
    verdict: Verdict
    message: str  # "" for an article; the fetch's or the extractor's words otherwise
    result: FetchResult
    document: Document | None = None

    @property
    def title(self) -> str:
        return self.document.title if self.document is not None else ""


def check_address(
    url: str, fetcher: Fetcher, extract: Extract, cancel: threading.Event | None = None
) -> AddressCheck:
    """Fetch `url` once and look for an article on it (blocking: run it off the UI thread)."""
    (result,) = list(fetcher.fetch_many([FetchRequest(url)], cancel=cancel))
    if result.outcome is FetchOutcome.CANCELLED or (cancel is not None and cancel.is_set()):
        return AddressCheck(url, Verdict.CANCELLED, "Check cancelled", result)
    if not result.ok or result.text is None:
        message = result.error or result.outcome.value
        return AddressCheck(url, _failure_verdict(result), message, result)
    try:
        document = extract(result.text, result.final_url or url)
    except ExtractionError as exc:  # "no article text found on the page", …
        return AddressCheck(url, Verdict.NOT_AN_ARTICLE, _sentence(str(exc)), result)
    except ExtractionCancelled:
        return AddressCheck(url, Verdict.CANCELLED, "Check cancelled", result)
    except RuntimeError as exc:  # the isolated extractor crashed or ran out of time
        return AddressCheck(
            url, Verdict.NOT_AN_ARTICLE, f"The page could not be read: {exc}", result
        )
    return AddressCheck(url, Verdict.ARTICLE, "", result, document)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _failure_verdict(result: FetchResult) -> Verdict:
    if result.outcome in _TRANSIENT_OUTCOMES:
        return Verdict.MAY_COME_BACK
    status = result.status or 0
    if result.outcome is FetchOutcome.HTTP_ERROR and (
        status in _TRANSIENT_STATUSES or status >= 500
    ):
        return Verdict.MAY_COME_BACK
    return Verdict.NOT_AN_ARTICLE


class _Replay:
    """Answers the capture engine's one request with the page the check fetched."""

    def __init__(self, result: FetchResult) -> None:
        self._result = result

    def fetch_many(
        self, requests: Iterable[FetchRequest], cancel: threading.Event | None = None
    ) -> Iterator[FetchResult]:
        for request in requests:
            yield replace(self._result, request_url=request.url)


class _KnownDocument:
    """The check's extraction for the check's page; anything else is extracted anew."""

    def __init__(self, check: AddressCheck, extract: Extract) -> None:
        self._check = check
        self._extract = extract

    def __call__(self, text: str, url: str | None) -> Document:
        if self._check.document is not None and text is self._check.result.text:
            return self._check.document
        return self._extract(text, url)


def track_checked(store: VersionStore, check: AddressCheck, extract: Extract) -> CheckReport:
    """Track the checked address and record the check as its first one.

    An article becomes version 1; a failure the user chose to track anyway is the
    article's first failed check (shown at once, retried on the failure schedule).
    Raises InvalidURL or StoreError (NotFound if the article was removed meanwhile).
    """
    # The engine only calls fetch_many on its fetcher: the replay stands in for one.
    replay = cast(Fetcher, _Replay(check.result))
    service = CaptureService(store, replay, extract=_KnownDocument(check, extract))
    article = service.track(check.url)
    reports = list(service.check([article.id]))
    if not reports:  # removed while being recorded: nothing is left to report on
        raise NotFound(f"article {article.id} was removed while it was being added")
    return reports[0]
