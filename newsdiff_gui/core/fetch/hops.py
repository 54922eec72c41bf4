"""How one fetch ends early: a typed failure, a redirect hop, and the checks on each address.

Internal to the Fetcher (client.py): raised inside a fetch and turned into its
`FetchResult` there, never seen by callers.
"""

from __future__ import annotations

import contextlib
import threading
from urllib.parse import urljoin

import httpx

from newsdiff_gui.core.fetch.exchange import HttpExchange, exchange_of, peer_details
from newsdiff_gui.core.fetch.result import FetchOutcome
from newsdiff_gui.core.urls import InvalidURL, validate_article_url


class FetchFailure(Exception):
    """Ends a fetch with this outcome and message."""

    def __init__(
        self,
        outcome: FetchOutcome,
        message: str,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message
        self.status = status
        self.retry_after = retry_after


class RedirectSeen(Exception):
    """A redirect response, handed over before httpx reads its Location."""

    def __init__(self, status: int, location: str, exchange: HttpExchange) -> None:
        super().__init__(location)
        self.status = status
        self.location = location
        self.exchange = exchange  # kept in the WARC records: how the page was reached


def stop_at_redirect(response: httpx.Response) -> None:
    # Even with follow_redirects=False, httpx builds the next request from the Location
    # and raises on what it cannot represent (javascript:, a port over 65535, a bad IDN)
    # before we see the response. This hook runs first and hands the Location to Fetcher._fetch,
    # which checks it by our own rules and says what was wrong with it in words.
    if response.has_redirect_location:
        exchange = exchange_of(response, b"", peer_details(response), body_read=False)
        raise RedirectSeen(response.status_code, response.headers["location"], exchange)


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise FetchFailure(FetchOutcome.CANCELLED, "Check cancelled before it finished")


def checked_url(url: str) -> str:
    """The URL in the canonical form we contact (the rules of a tracked URL), or a FetchFailure."""
    try:
        return validate_article_url(url)
    except InvalidURL as exc:
        raise FetchFailure(FetchOutcome.INVALID_URL, f"Not a fetchable URL: {exc}") from exc


def redirect_target(url: str, location: str) -> str:
    """Where a redirect leads, checked like a tracked URL; a FetchFailure naming the hop if not."""
    with contextlib.suppress(UnicodeError):
        # Header bytes reach us as Latin-1; browsers read a Location as UTF-8.
        location = location.encode("latin-1").decode("utf-8")
    try:
        target = urljoin(url, location.strip())
    except ValueError as exc:  # an invalid IPv6 literal or port
        raise FetchFailure(
            FetchOutcome.INVALID_URL, f"Redirect to an invalid address {location!r} ({exc})"
        ) from exc
    try:
        return validate_article_url(target)
    except InvalidURL as exc:
        raise FetchFailure(
            FetchOutcome.INVALID_URL, f"Redirect to {location!r} not followed: {exc}"
        ) from exc
