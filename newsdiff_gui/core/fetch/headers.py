"""Header values that come from servers, read and sent back without surprises."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from newsdiff_gui.core.fetch.result import FetchRequest

# A Retry-After longer than a week is a misconfigured server or a far-future date;
# the scheduler caps it the same way (see SchedulePolicy.retry_after_max).
MAX_RETRY_AFTER = 7 * 24 * 3600.0


def validator_headers(request: FetchRequest) -> dict[bytes, bytes]:
    """Conditional-GET headers from the stored validators, as bytes httpx sends verbatim.

    The values are whatever a server once sent; one with a line break or NUL is not
    sent at all (HTTP cannot carry it), and non-ASCII text goes out as UTF-8 instead
    of making httpx raise on it.
    """
    headers: dict[bytes, bytes] = {}
    for name, value in (
        ("If-None-Match", request.etag),
        ("If-Modified-Since", request.last_modified),
    ):
        if value and not any(ch in value for ch in "\r\n\0"):
            headers[name.encode()] = value.encode("utf-8", "replace")
    return headers


_SECONDS = re.compile(r"[0-9]+")


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait, from a Retry-After header in seconds or as an HTTP date.

    Capped at a week (MAX_RETRY_AFTER); None for anything that is not a wait.
    """
    if not value:
        return None
    value = value.strip()
    if _SECONDS.fullmatch(value):  # ASCII digits only: str.isdigit() accepts "²"
        seconds = float(value) if len(value) < 20 else math.inf
        return min(seconds, MAX_RETRY_AFTER)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return min(max(0.0, (moment - datetime.now(UTC)).total_seconds()), MAX_RETRY_AFTER)
