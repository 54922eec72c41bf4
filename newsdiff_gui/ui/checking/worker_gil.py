"""Sharing the interpreter lock between the window and the background checker.

The checker thread runs Python (imports, decoding, storing) that holds the
interpreter lock the UI thread needs for every event and paint. Two things keep
the window responsive: the capture engine is imported before the checker
starts, and the lock is handed over more often than Python's default.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

UI_GIL_SWITCH_INTERVAL = 0.001


def preload_capture_engine() -> None:
    """Import the capture engine with the window, before the checker starts: an
    import on the checker thread holds the interpreter lock for its whole length
    and the window would freeze meanwhile. A failure is left for the checker to
    report."""
    try:
        import newsdiff_gui.core.capture
        import newsdiff_gui.core.extract.isolated  # noqa: F401
        from newsdiff_gui.core.fetch import Fetcher

        # A first client imports httpx's transport and parses the CA bundle (the
        # shared TLS context): both hold the interpreter lock for tens of ms.
        Fetcher().close()
    except Exception:  # reported by the worker's own import, in words
        log.debug("capture engine could not be preloaded", exc_info=True)


def shorten_gil_switch_interval() -> None:
    """Hand the interpreter lock over every millisecond while the checker runs.

    Extraction on the checker thread is CPU-bound Python: with the default 5 ms
    GIL switch interval the UI thread can queue behind it (and the fetch
    threads) for tens of milliseconds. A 1 ms interval keeps the event loop's
    turn short at a cost of a few percent of checker throughput. (Extraction
    itself runs in a child process; fetching, decoding and storing stay here.)
    """
    sys.setswitchinterval(UI_GIL_SWITCH_INTERVAL)
