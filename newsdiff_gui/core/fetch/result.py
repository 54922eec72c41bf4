"""What a fetch returns: one typed outcome per attempt, never an exception."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from newsdiff_gui.core.fetch.exchange import HttpExchange

MEGABYTE = 1024 * 1024


class FetchOutcome(enum.StrEnum):
    """String values are stored in the checks table's `outcome` column (and printed)."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    HTTP_ERROR = "http_error"
    TIMEOUT = "timeout"
    CONNECTION_ERROR = "connection_error"
    TOO_MANY_REDIRECTS = "too_many_redirects"
    TOO_LARGE = "too_large"
    NOT_HTML = "not_html"
    EMPTY = "empty"
    INVALID_URL = "invalid_url"
    DECODE_ERROR = "decode_error"
    CANCELLED = "cancelled"
    # The host resolves to an address the fetcher never contacts (link-local).
    REFUSED_ADDRESS = "refused_address"
    # A failure nobody foresaw (a bug): recorded on the request, logged with its traceback.
    INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    total_timeout: float = 20.0
    connect_timeout: float = 10.0
    max_redirects: int = 5
    max_bytes: int = 15 * MEGABYTE
    per_host: int = 2
    total: int = 8


@dataclass(frozen=True, slots=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    # A source poll: an RSS/Atom/JSON feed is an answer too (returned as `body`, text None).
    accept_feeds: bool = False


@dataclass(frozen=True, slots=True)
class FetchResult:
    request_url: str
    final_url: str | None
    outcome: FetchOutcome
    status: int | None
    started_at: datetime
    duration: float
    body: bytes | None = None  # the page bytes after content decoding (what we store and hash)
    text: str | None = None
    encoding: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None
    error: str | None = None
    # The declared charset does not fit the bytes (decoded as a browser does, with U+FFFD).
    charset_mismatch: bool = False
    # The request and response as they went over the wire (for the WARC records).
    exchange: HttpExchange | None = None
    redirects: tuple[HttpExchange, ...] = ()  # the hops that led to it, in order

    @property
    def ok(self) -> bool:
        return self.outcome is FetchOutcome.OK
