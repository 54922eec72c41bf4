"""Concurrent fetching on daemon threads, with prompt cancellation.

Every request gets exactly one result: a fetch that raises (a bug: `Fetcher.fetch`
returns failures as results) is logged with its traceback and reported as a failed
result for that request alone, so one page can never end the others' checks.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import zip_longest
from typing import TYPE_CHECKING

from newsdiff_gui.core.fetch.result import FetchOutcome, FetchRequest, FetchResult

if TYPE_CHECKING:
    from newsdiff_gui.core.fetch.client import Fetcher

log = logging.getLogger(__name__)

# After a cancel, how long to wait for fetches that are about to finish anyway.
CANCEL_GRACE = 0.5
POLL = 0.05


def run_pool(
    fetcher: Fetcher, requests: list[FetchRequest], cancel: threading.Event | None
) -> Iterator[FetchResult]:
    from newsdiff_gui.core.background import lower_this_thread_priority
    from newsdiff_gui.core.fetch.client import host_key

    # Interleave hosts so workers are not all parked on one slow site's two slots.
    by_host: dict[str, list[int]] = defaultdict(list)
    for index, request in enumerate(requests):
        by_host[host_key(request.url)].append(index)
    order = [i for group in zip_longest(*by_host.values()) for i in group if i is not None]

    work: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in order:
        work.put(index)
    done: queue.SimpleQueue[tuple[int, FetchResult]] = queue.SimpleQueue()

    def worker() -> None:
        lower_this_thread_priority()
        while True:
            try:
                index = work.get_nowait()
            except queue.Empty:
                return
            if cancel is not None and cancel.is_set():
                done.put((index, _cancelled(requests[index])))
                continue
            try:
                result = fetcher.fetch(requests[index], cancel)
            except BaseException as exc:  # a bug; the batch goes on (see the docstring)
                log.exception("fetching %r raised", requests[index].url)
                result = _failed(requests[index], exc)
            done.put((index, result))

    # Daemon threads: quitting the app never waits for a stalled server.
    for _ in range(min(fetcher.limits.total, len(requests))):
        threading.Thread(target=worker, name="newsdiff-fetch", daemon=True).start()

    reported: set[int] = set()
    cancelled_at: float | None = None
    while len(reported) < len(requests):
        try:
            index, result = done.get(timeout=POLL)
        except queue.Empty:
            if cancel is not None and cancel.is_set():
                cancelled_at = cancelled_at or time.monotonic()
                if time.monotonic() - cancelled_at > CANCEL_GRACE:
                    for index in range(len(requests)):
                        if index not in reported:
                            reported.add(index)
                            yield _cancelled(requests[index])
                    return
            continue
        if index not in reported:
            reported.add(index)
            yield result


def _failed(request: FetchRequest, exc: BaseException) -> FetchResult:
    message = f"Internal error while fetching: {type(exc).__name__}: {exc}"
    return _not_fetched(request, FetchOutcome.INTERNAL_ERROR, message)


def _cancelled(request: FetchRequest) -> FetchResult:
    return _not_fetched(request, FetchOutcome.CANCELLED, "Check cancelled before it finished")


def _not_fetched(request: FetchRequest, outcome: FetchOutcome, message: str) -> FetchResult:
    return FetchResult(
        request_url=request.url,
        final_url=None,
        outcome=outcome,
        status=None,
        started_at=datetime.now(UTC),
        duration=0.0,
        error=message,
    )
