"""Extraction in a separate process, for the desktop app's background checker.

Extraction, and reading a followed source's feed or section page, is CPU-bound
Python (trafilatura, lxml, feedparser, our scorers); lxml parses a page of 200
teasers holding the interpreter lock for ~40 ms at a stretch. Run on a thread
of the app's own process it holds the interpreter lock, and every paint and
slot of the window then waits for it: the window stutters while checks run.
In a child process it shares nothing with the window. The child is also a
fence: a page that sends the extractor into a very long computation is cut off
after `timeout` seconds (the child is killed and started again), and a cancel
(the user quits) ends the wait at once.

The child is started with "spawn" (never fork a process that runs Qt threads)
on first use, and reused for every later page.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import threading
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from newsdiff_gui.core.background import lower_this_thread_priority
from newsdiff_gui.core.discovery.found import DiscoveryError
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract.errors import ExtractionError

if TYPE_CHECKING:
    from newsdiff_gui.core.discovery.poll import Preview
    from newsdiff_gui.core.fetch.result import FetchResult

log = logging.getLogger(__name__)

# Long enough for a 15 MB page on a slow machine; a page that takes longer is hostile.
DEFAULT_TIMEOUT = 60.0
_POLL_SECONDS = 0.1


class ReaderFailed(RuntimeError):
    """The child crashed on a page, died, or ran past the timeout (a hostile page)."""


class ExtractionCancelled(Exception):
    """The wait for the child was cancelled (the app is quitting)."""


def _serve(connection: Connection) -> None:
    """The child's loop: a job in, ("ok", answer) or (error kind, message) out."""
    lower_this_thread_priority()  # the child's only thread: background work
    # Ctrl-C in a terminal reaches the whole process group: the parent decides what an
    # interrupt means (`newsdiff watch` finishes its checks in flight, which needs this
    # child) and stops the child itself (kill, or the pipe's end).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return  # the parent went away
        if request is None:
            return
        connection.send(_answer(request))


def _answer(request: tuple[Any, ...]) -> tuple[str, Any]:
    """("extract", html, url) → a document's JSON; ("source", fetch result, pattern) →
    the source's Preview."""
    from newsdiff_gui.core.discovery.poll import read_source
    from newsdiff_gui.core.extract.api import extract_document

    job, first, second = request
    try:
        if job == "extract":
            return ("ok", extract_document(first, second).to_json_dict())
        return ("ok", read_source(first, second))
    except ExtractionError as exc:
        return ("no_article", str(exc))
    except DiscoveryError as exc:
        return ("no_links", str(exc))
    except Exception as exc:  # reported to the parent, the child lives on
        return ("crash", f"{type(exc).__name__}: {exc}")


class IsolatedExtractor:
    """`extract(text, url)` with the same contract as `extract_document`, in a child.

    Raises ExtractionError (no article), ReaderFailed (the extractor crashed, died
    or ran past the timeout) or ExtractionCancelled. One caller at a time.
    """

    def __init__(
        self, cancel: threading.Event | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        self._cancel = cancel or threading.Event()
        self._timeout = timeout
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None

    def _start(self) -> Connection:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve, args=(child,), name="newsdiff-extractor", daemon=True
        )
        process.start()
        child.close()
        self._process, self._connection = process, parent
        return parent

    def __call__(self, text: str, url: str | None) -> Document:
        return self.extract(text, url)

    def extract(self, text: str, url: str | None) -> Document:
        """`extract_document(text, url)`, in the child."""
        return Document.from_json_dict(self._ask(("extract", text, url)))

    def read_source(self, result: FetchResult, known_pattern: str = "") -> Preview:
        """`read_source(result, known_pattern)` (discovery/poll.py), in the child; raises
        DiscoveryError as it does."""
        # The wire record of the fetch is for the WARC, not for reading the links.
        answer: Preview = self._ask(
            ("source", replace(result, exchange=None, redirects=()), known_pattern)
        )
        return answer

    def _ask(self, request: tuple[Any, ...]) -> Any:
        connection = self._connection or self._start()
        try:
            connection.send(request)
        except (OSError, ValueError):  # the child died since the last page
            self.close()
            connection = self._start()
            connection.send(request)
        waited = 0.0
        while not connection.poll(_POLL_SECONDS):
            waited += _POLL_SECONDS
            if self._cancel.is_set():
                self.close()
                raise ExtractionCancelled("extraction cancelled")
            if waited >= self._timeout:
                self.close()
                raise ReaderFailed(f"reading the page took longer than {self._timeout:g} s")
            if self._process is not None and not self._process.is_alive():
                self.close()
                raise ReaderFailed("the page reader process stopped unexpectedly")
        try:
            status, value = connection.recv()
        except (EOFError, OSError) as exc:
            self.close()
            raise ReaderFailed("the page reader process stopped unexpectedly") from exc
        if status == "ok":
            return value
        if status == "no_article":
            raise ExtractionError(value)
        if status == "no_links":
            raise DiscoveryError(value)
        raise ReaderFailed(value)

    def close(self) -> None:
        """Stop the child now (it holds no state worth waiting for)."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.close()
        if process is not None:
            process.kill()
            process.join(timeout=2)

    def __enter__(self) -> IsolatedExtractor:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
