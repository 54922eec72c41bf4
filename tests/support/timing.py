"""Fetch limits, a stalled handler and a wait bound for tests that must not race the clock.

A test of a page that answers uses PATIENT: a loaded CI machine may take seconds to serve
and parse a local page, and a check that times out there is the test failing for the
machine, not for the product. A test of a page that never answers in time uses HASTY with
a Stall: the handler holds the request until the test ends, so the short timeout fires
first however slow the machine is, and no test depends on how long a sleep lasts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from werkzeug import Request, Response

from newsdiff_gui.core.fetch import FetchLimits

PATIENT = FetchLimits(total_timeout=60.0, connect_timeout=30.0)
HASTY = FetchLimits(total_timeout=1.0, connect_timeout=1.0)
# A generous bound on "did not wait" figures and on waits for a result: loose enough for a
# loaded machine, far below the Stall's hold, so a fetch that waited for the answer fails.
PROMPTLY = 20.0


class Stall:
    """A request handler that answers once released: at the latest after `hold` seconds,
    and at once when the `with` block that holds it ends."""

    def __init__(self, answer: Callable[[], Response], hold: float = 60.0) -> None:
        self.arrived = threading.Event()
        self._released = threading.Event()
        self._answer = answer
        self._hold = hold

    def __call__(self, request: Request) -> Response:
        self.arrived.set()
        self._released.wait(self._hold)
        return self._answer()

    def release(self) -> None:
        self._released.set()

    def __enter__(self) -> Stall:
        return self

    def __exit__(self, *exc: object) -> None:
        # Released before the server is stopped, which would otherwise wait for the hold.
        self.release()
