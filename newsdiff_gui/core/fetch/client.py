"""The Fetcher: one page per request, within hard limits, as a typed result.

httpx does the HTTP; we follow redirects ourselves (to count them, catch loops and
check each hop's address by the same rules as a tracked URL), stream the raw body
and decompress it with a cap, and turn every failure into a `FetchResult` with a
sentence a user can read. `fetch` never raises: a failure nobody foresaw is logged
with its traceback and recorded as an internal error on that one request.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import urlsplit

import brotli
import httpx

from newsdiff_gui import USER_AGENT
from newsdiff_gui.core.charset import charset_from_content_type, decode_html
from newsdiff_gui.core.fetch.content import (
    FEED_ACCEPT,
    FEED_TYPES,
    HTML_TYPES,
    SNIFFED_TYPES,
    BodyTooLarge,
    UnsupportedEncoding,
    decoder_for,
    is_binary,
    looks_like_feed,
    looks_like_html,
    media_type,
    not_html_message,
)
from newsdiff_gui.core.fetch.exchange import HttpExchange, exchange_of, peer_details
from newsdiff_gui.core.fetch.guard import AddressRefused, guarded_transport
from newsdiff_gui.core.fetch.headers import parse_retry_after, validator_headers
from newsdiff_gui.core.fetch.hops import (
    FetchFailure,
    RedirectSeen,
    check_cancel,
    checked_url,
    redirect_target,
    stop_at_redirect,
)
from newsdiff_gui.core.fetch.result import (
    MEGABYTE,
    FetchLimits,
    FetchOutcome,
    FetchRequest,
    FetchResult,
)

log = logging.getLogger(__name__)


def host_key(url: str) -> str:
    """The per-host slot a URL counts against (any text: a bad URL only gets its own)."""
    try:
        parts = urlsplit(url)
        return f"{(parts.hostname or '').lower()}:{parts.port or parts.scheme}"
    except ValueError:  # an invalid IPv6 literal or port; fetch() reports it in words
        return url


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
        pool_limits = httpx.Limits(
            max_connections=self.limits.total, max_keepalive_connections=self.limits.total
        )
        self._client = httpx.Client(
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate, br",
            },
            follow_redirects=False,
            event_hooks={"response": [stop_at_redirect]},
            trust_env=False,  # never route article fetches through an inherited proxy
            # Connects only to addresses the link-local rule allows, checked at connect time.
            transport=guarded_transport(shared_ssl_context(), pool_limits),
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
        except FetchFailure as caught:
            failure = caught
        except Exception as exc:  # defence in depth: known failures are FetchFailure above
            log.exception("internal error while fetching %r", request.url)
            failure = FetchFailure(
                FetchOutcome.INTERNAL_ERROR,
                f"Internal error while fetching: {type(exc).__name__}: {exc}",
            )
        if cancel is not None and cancel.is_set():
            failure = FetchFailure(FetchOutcome.CANCELLED, "Check cancelled before it finished")
        return FetchResult(
            request_url=request.url,
            final_url=None,
            outcome=failure.outcome,
            status=failure.status,
            started_at=started_at,
            duration=time.monotonic() - clock,
            error=_printable(failure.message),
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
        url = checked_url(request.url)
        headers = validator_headers(request)
        if request.accept_feeds:
            headers[b"Accept"] = FEED_ACCEPT
        seen = {url}
        redirects: list[HttpExchange] = []
        for hop in range(self.limits.max_redirects + 1):
            check_cancel(cancel)
            with self._slot(url):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise FetchFailure(FetchOutcome.TIMEOUT, self._timeout_message())
                try:
                    response = self._send(url, headers, remaining)
                except httpx.HTTPError as exc:
                    raise self._network_failure(exc, url) from exc
                except RedirectSeen as redirect:
                    target = redirect_target(url, redirect.location)
                    if target in seen:
                        raise FetchFailure(
                            FetchOutcome.TOO_MANY_REDIRECTS,
                            f"Redirect loop: {url} leads back to {target}",
                            redirect.status,
                        ) from None
                    if hop == self.limits.max_redirects:
                        raise FetchFailure(
                            FetchOutcome.TOO_MANY_REDIRECTS,
                            f"More than {self.limits.max_redirects} redirects",
                            redirect.status,
                        ) from None
                    seen.add(target)
                    redirects.append(redirect.exchange)
                    url = target
                    continue
                try:
                    result = self._read(request, url, response, cancel, deadline, started_at, clock)
                finally:
                    response.close()
                return dataclasses.replace(result, redirects=tuple(redirects))
        raise AssertionError("unreachable: the loop returns or raises")

    def _send(self, url: str, headers: dict[bytes, bytes], remaining: float) -> httpx.Response:
        timeout = httpx.Timeout(
            connect=min(self.limits.connect_timeout, remaining),
            read=remaining,
            write=remaining,
            pool=remaining,
        )
        try:
            built = self._client.build_request("GET", url, headers=headers, timeout=timeout)
            return self._client.send(built, stream=True)
        except (httpx.InvalidURL, UnicodeError) as exc:  # httpx's URL rules; IDNA (idna's
            # errors are UnicodeErrors): neither is an httpx.HTTPError.
            raise FetchFailure(FetchOutcome.INVALID_URL, f"Not a fetchable URL: {exc}") from exc
        except AddressRefused as exc:
            raise FetchFailure(FetchOutcome.REFUSED_ADDRESS, str(exc)) from exc

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
            raise FetchFailure(
                FetchOutcome.HTTP_ERROR,
                f"HTTP {status} {_reason(status, response.reason_phrase)}".strip(),
                status,
                parse_retry_after(response.headers.get("retry-after")),
            )
        content_type = response.headers.get("content-type")
        kind = media_type(content_type)
        feed_label = request.accept_feeds and kind in FEED_TYPES
        if kind not in HTML_TYPES and kind not in SNIFFED_TYPES and not feed_label:
            raise FetchFailure(FetchOutcome.NOT_HTML, f"Not an HTML page ({kind})", status)
        peer = peer_details(response)  # while the connection is surely still open
        body, raw = self._body(response, cancel, deadline)
        if not body.strip():
            raise FetchFailure(FetchOutcome.EMPTY, "The server sent an empty page", status)
        if request.accept_feeds and kind not in HTML_TYPES and _feed_body(body, feed_label):
            return FetchResult(
                request_url=request.url,
                final_url=url,
                outcome=FetchOutcome.OK,
                status=status,
                started_at=started_at,
                duration=time.monotonic() - clock,
                body=body,
                content_type=content_type,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
        if is_binary(body) or (kind not in HTML_TYPES and not looks_like_html(body)):
            raise FetchFailure(FetchOutcome.NOT_HTML, not_html_message(body, content_type), status)
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
            exchange=exchange_of(response, raw, peer),
        )

    def _body(
        self, response: httpx.Response, cancel: threading.Event | None, deadline: float
    ) -> tuple[bytes, bytes]:
        """The page decoded (capped) and the bytes as they arrived (for the WARC record)."""
        cap = self.limits.max_bytes
        too_large = f"Page larger than {cap / MEGABYTE:g} MB"
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding")
        if declared.isdigit() and int(declared) > cap and not encoding:
            raise FetchFailure(FetchOutcome.TOO_LARGE, too_large, response.status_code)
        try:
            decoder = decoder_for(encoding)
        except UnsupportedEncoding as exc:
            raise FetchFailure(FetchOutcome.DECODE_ERROR, str(exc), response.status_code) from exc
        body = bytearray()
        received = bytearray()
        try:
            for raw in response.iter_raw():  # as received: a trickle must reach the clock
                check_cancel(cancel)
                if time.monotonic() > deadline:
                    # A server trickling bytes never trips the read timeout; the total does.
                    raise FetchFailure(FetchOutcome.TIMEOUT, self._timeout_message())
                body += decoder.feed(raw, cap - len(body))
                if encoding:  # without one, the page is the bytes received
                    received += raw
        except BodyTooLarge as exc:
            raise FetchFailure(FetchOutcome.TOO_LARGE, too_large, response.status_code) from exc
        except (zlib.error, brotli.error) as exc:
            message = f"The page's {encoding} compression is corrupt ({exc})"
            raise FetchFailure(FetchOutcome.DECODE_ERROR, message, response.status_code) from exc
        except httpx.HTTPError as exc:
            raise self._network_failure(exc, str(response.url)) from exc
        page = bytes(body)
        return page, (bytes(received) if encoding else page)

    def _timeout_message(self) -> str:
        return f"Timed out after {self.limits.total_timeout:g} s"

    def _network_failure(self, exc: httpx.HTTPError, url: str) -> FetchFailure:
        host = urlsplit(url).netloc
        if isinstance(exc, httpx.TimeoutException):
            return FetchFailure(FetchOutcome.TIMEOUT, self._timeout_message())
        if isinstance(exc, httpx.ConnectError):
            return FetchFailure(
                FetchOutcome.CONNECTION_ERROR, f"Could not connect to {host}: {exc}"
            )
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return FetchFailure(FetchOutcome.INVALID_URL, f"Not a fetchable URL: {exc}")
        if isinstance(exc, httpx.DecodingError):
            return FetchFailure(FetchOutcome.DECODE_ERROR, f"Could not decode the response: {exc}")
        if isinstance(exc, httpx.RemoteProtocolError):
            return FetchFailure(
                FetchOutcome.CONNECTION_ERROR, f"{host} sent a malformed HTTP response: {exc}"
            )
        if isinstance(exc, httpx.LocalProtocolError):  # our request broke HTTP's rules
            return FetchFailure(FetchOutcome.INVALID_URL, f"The request could not be sent: {exc}")
        reason = str(exc) or type(exc).__name__
        return FetchFailure(FetchOutcome.CONNECTION_ERROR, f"Connection to {host} failed: {reason}")

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


def _feed_body(body: bytes, labelled_feed: bool) -> bool:
    """A followed source's feed: labelled as one or starting like one, and not binary."""
    return not is_binary(body) and (labelled_feed or looks_like_feed(body))


def _printable(message: str) -> str:
    """The message with control and format characters escaped ("\\u202e"): it quotes
    what servers sent (reason phrases, exception texts) and is stored and shown as is."""
    if message.isprintable():
        return message
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in message)


def _reason(status: int, sent: str) -> str:
    # The standard phrase reads better than whatever the server chose to send.
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return sent
