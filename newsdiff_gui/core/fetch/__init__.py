"""HTTP fetching with hard limits and typed results (no Qt)."""

from newsdiff_gui.core.fetch.client import Fetcher
from newsdiff_gui.core.fetch.headers import parse_retry_after
from newsdiff_gui.core.fetch.result import FetchLimits, FetchOutcome, FetchRequest, FetchResult

__all__ = [
    "FetchLimits",
    "FetchOutcome",
    "FetchRequest",
    "FetchResult",
    "Fetcher",
    "parse_retry_after",
]
