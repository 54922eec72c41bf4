"""The Fetcher: one page per request, within hard limits, as a typed result.

httpx does the HTTP; we follow redirects ourselves (to count them, catch loops and
re-check each hop's scheme), stream the raw body and decompress it with a cap,
and turn every failure into a `FetchResult` with a sentence a user can read.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import brotli
import httpx

from newsdiff_gui import USER_AGENT
from newsdiff_gui.core.charset import charset_from_content_type, decode_html
from newsdiff_gui.core.fetch.content import (
    HTML_TYPES,
    SNIFFED_TYPES,
    BodyTooLarge,
    UnsupportedEncoding,
    decoder_for,
    is_binary,
    looks_like_html,
    media_type,
)
from newsdiff_gui.core.fetch.result import (
    MEGABYTE,
    FetchLimits,
    FetchOutcome,
    FetchRequest,
    FetchResult,
)

log = logging.getLogger(__name__)


class _Failure(Exception):
    """Internal: ends a fetch with this outcome and message."""

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


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or parts.scheme}"


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """The TLS settings every fetcher uses (httpx's defaults, certifi's CA bundle).

    Building one parses the whole CA bundle, some 30 ms during which the calling
    thread holds the interpreter lock; the desktop app builds it once, before its
    window shows, instead of on the checker thread while the window runs.
    """
    return httpx.create_ssl_context(trust_env=False)


class Fetcher:
    """Thread-safe page fetcher; share one per process and close it when done."""

    def __init__(self, limits: FetchLimits | None = None, user_agent: str = USER_AGENT) -> None:
        self.limits = limits or FetchLimits()
        self._client = httpx.Client(
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate, br",
            },
            follow_redirects=False,
            verify=shared_ssl_context(),
            trust_env=False,  # never route article fetches through an inherited proxy
            limits=httpx.Limits(
                max_connections=self.limits.total, max_keepalive_connections=self.limits.total
            ),
        )
        self._total_slots = threading.BoundedSemaphore(self.limits.total)
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._host_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        """At most `per_host` requests to one host and `total` overall, at any moment."""
        with self._host_lock:
            host_slot = self._host_slots.setdefault(
                host_key(url), threading.BoundedSemaphore(self.limits.per_host)
            )
        with host_slot, self._total_slots:
            yield

    def fetch(self, request: FetchRequest, cancel: threading.Event | None = None) -> FetchResult:
        started_at = datetime.now(UTC)
        clock = time.monotonic()
        deadline = clock + self.limits.total_timeout
        try:
            return self._fetch(request, cancel, deadline, started_at, clock)
        except _Failure as caught:
            failure = caught
            if cancel is not None and cancel.is_set():
                failure = _Failure(FetchOutcome.CANCELLED, "Check cancelled before it finished")
            return FetchResult(
                request_url=request.url,
                final_url=None,
                outcome=failure.outcome,
                status=failure.status,
                started_at=started_at,
                duration=time.monotonic() - clock,
                error=failure.message,
                retry_after=failure.retry_after,
            )

    def _fetch(
        self,
        request: FetchRequest,
        cancel: threading.Event | None,
        deadline: float,
        started_at: datetime,
        clock: float,
    ) -> FetchResult:
        url = _checked_url(request.url)
        headers = {}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        seen = {url}
        for hop in range(self.limits.max_redirects + 1):
            _check_cancel(cancel)
            with self._slot(url):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _Failure(FetchOutcome.TIMEOUT, self._timeout_message())
                try:
                    response = self._send(url, headers, remaining)
                except httpx.HTTPError as exc:
                    raise self._network_failure(exc, url) from exc
                try:
                    if response.is_redirect and "location" in response.headers:
                        target = _checked_url(urljoin(url, response.headers["location"]))
                        if target in seen:
                            raise _Failure(
                                FetchOutcome.TOO_MANY_REDIRECTS,
                                f"Redirect loop: {url} leads back to {target}",
                                response.status_code,
                            )
                        if hop == self.limits.max_redirects:
                            raise _Failure(
                                FetchOutcome.TOO_MANY_REDIRECTS,
                                f"More than {self.limits.max_redirects} redirects",
                                response.status_code,
                            )
                        seen.add(target)
                        url = target
                        continue
                    return self._read(request, url, response, cancel, deadline, started_at, clock)
                finally:
                    response.close()
        raise AssertionError("unreachable: the loop returns or raises")

    def _send(self, url: str, headers: dict[str, str], remaining: float) -> httpx.Response:
        timeout = httpx.Timeout(
            connect=min(self.limits.connect_timeout, remaining),
            read=remaining,
            write=remaining,
            pool=remaining,
        )
        built = self._client.build_request("GET", url, headers=headers, timeout=timeout)
        return self._client.send(built, stream=True)

    def _read(
        self,
        request: FetchRequest,
        url: str,
        response: httpx.Response,
        cancel: threading.Event | None,
        deadline: float,
        started_at: datetime,
        clock: float,
    ) -> FetchResult:
        status = response.status_code
        if status == 304:
            return FetchResult(
                request_url=request.url,
                final_url=url,
                outcome=FetchOutcome.NOT_MODIFIED,
                status=status,
                started_at=started_at,
                duration=time.monotonic() - clock,
                etag=response.headers.get("etag") or request.etag,
                last_modified=response.headers.get("last-modified") or request.last_modified,
            )
        if status >= 300 or status < 200:
            raise _Failure(
                FetchOutcome.HTTP_ERROR,
                f"HTTP {status} {_reason(status, response.reason_phrase)}".strip(),
                status,
                parse_retry_after(response.headers.get("retry-after")),
            )
        content_type = response.headers.get("content-type")
        kind = media_type(content_type)
        if kind not in HTML_TYPES and kind not in SNIFFED_TYPES:
            raise _Failure(FetchOutcome.NOT_HTML, f"Not an HTML page ({kind})", status)
        body = self._body(response, cancel, deadline)
        if not body.strip():
            raise _Failure(FetchOutcome.EMPTY, "The server sent an empty page", status)
        if is_binary(body) or (kind not in HTML_TYPES and not looks_like_html(body)):
            shown = kind or "no content type"
            raise _Failure(
                FetchOutcome.NOT_HTML, f"Not an HTML page (binary data, {shown})", status
            )
        page = decode_html(body, charset_from_content_type(content_type))
        return FetchResult(
            request_url=request.url,
            final_url=url,
            outcome=FetchOutcome.OK,
            status=status,
            started_at=started_at,
            duration=time.monotonic() - clock,
            body=body,
            text=page.text,
            encoding=page.encoding,
            charset_mismatch=page.mismatch,
            content_type=content_type,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _body(
        self, response: httpx.Response, cancel: threading.Event | None, deadline: float
    ) -> bytes:
        cap = self.limits.max_bytes
        too_large = f"Page larger than {cap / MEGABYTE:g} MB"
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding")
        if declared.isdigit() and int(declared) > cap and not encoding:
            raise _Failure(FetchOutcome.TOO_LARGE, too_large, response.status_code)
        try:
            decoder = decoder_for(encoding)
        except UnsupportedEncoding as exc:
            raise _Failure(FetchOutcome.DECODE_ERROR, str(exc), response.status_code) from exc
        body = bytearray()
        try:
            for raw in response.iter_raw():  # as received: a trickle must reach the clock
                _check_cancel(cancel)
                if time.monotonic() > deadline:
                    # A server trickling bytes never trips the read timeout; the total does.
                    raise _Failure(FetchOutcome.TIMEOUT, self._timeout_message())
                body += decoder.feed(raw, cap - len(body))
        except BodyTooLarge as exc:
            raise _Failure(FetchOutcome.TOO_LARGE, too_large, response.status_code) from exc
        except (zlib.error, brotli.error) as exc:
            message = f"The page's {encoding} compression is corrupt ({exc})"
            raise _Failure(FetchOutcome.DECODE_ERROR, message, response.status_code) from exc
        except httpx.HTTPError as exc:
            raise self._network_failure(exc, str(response.url)) from exc
        return bytes(body)

    def _timeout_message(self) -> str:
        return f"Timed out after {self.limits.total_timeout:g} s"

    def _network_failure(self, exc: httpx.HTTPError, url: str) -> _Failure:
        host = urlsplit(url).netloc
        if isinstance(exc, httpx.TimeoutException):
            return _Failure(FetchOutcome.TIMEOUT, self._timeout_message())
        if isinstance(exc, httpx.ConnectError):
            return _Failure(FetchOutcome.CONNECTION_ERROR, f"Could not connect to {host}: {exc}")
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return _Failure(FetchOutcome.INVALID_URL, f"Not a fetchable URL: {exc}")
        if isinstance(exc, httpx.DecodingError):
            return _Failure(FetchOutcome.DECODE_ERROR, f"Could not decode the response: {exc}")
        reason = str(exc) or type(exc).__name__
        return _Failure(FetchOutcome.CONNECTION_ERROR, f"Connection to {host} failed: {reason}")

    def fetch_many(
        self, requests: list[FetchRequest], cancel: threading.Event | None = None
    ) -> Iterator[FetchResult]:
        """Fetch concurrently (bounded per host and in total); yield as each completes.

        Once `cancel` is set, requests not yet started are reported CANCELLED at
        once and the generator returns within about half a second; a fetch still
        blocked on the network ends on its own timeout in a daemon thread.
        """
        from newsdiff_gui.core.fetch.pool import run_pool

        yield from run_pool(self, list(requests), cancel)


def _reason(status: int, sent: str) -> str:
    # The standard phrase reads better than whatever the server chose to send.
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return sent


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise _Failure(FetchOutcome.CANCELLED, "Check cancelled before it finished")


def _checked_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise _Failure(FetchOutcome.INVALID_URL, f"Not a valid URL: {url!r}") from exc
    if parts.scheme.lower() not in {"http", "https"}:
        scheme = f"'{parts.scheme}:'" if parts.scheme else "no scheme"
        raise _Failure(
            FetchOutcome.INVALID_URL, f"Only http and https URLs are fetched ({scheme}: {url!r})"
        )
    if not parts.hostname:
        raise _Failure(FetchOutcome.INVALID_URL, f"The URL has no host: {url!r}")
    return url


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait, from a Retry-After header in seconds or as an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
