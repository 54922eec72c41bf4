"""Extraction and source reading in a child process: same answers as in-process, and a
fence around the child."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest

from newsdiff_gui.core.background import BACKGROUND_NICENESS, lower_this_thread_priority
from newsdiff_gui.core.discovery.found import DiscoveryError
from newsdiff_gui.core.discovery.poll import read_source
from newsdiff_gui.core.extract import ExtractionError, extract_document
from newsdiff_gui.core.extract.isolated import ExtractionCancelled, IsolatedExtractor
from newsdiff_gui.core.fetch import FetchOutcome, FetchResult
from newsdiff_gui.core.timeutil import utc_now
from tests.support.news_site import rss, section_page, stories
from tests.support.pages import article_page


@pytest.fixture
def extractor() -> Iterator[IsolatedExtractor]:
    with IsolatedExtractor() as isolated:
        yield isolated


def test_the_child_gives_the_same_document_and_the_same_refusals(
    extractor: IsolatedExtractor,
) -> None:
    page = article_page()
    assert extractor(page, "https://news.example/storm") == extract_document(
        page, "https://news.example/storm"
    )
    with pytest.raises(ExtractionError):
        extractor("<html><body><nav><a href='/'>Home</a></nav></body></html>", None)
    # The same child serves the next page.
    first = extractor._process
    assert extractor(page, None).title == extract_document(page, None).title
    assert extractor._process is first


def test_a_dead_child_is_replaced(extractor: IsolatedExtractor) -> None:
    page = article_page()
    extractor(page, None)
    assert extractor._process is not None
    extractor._process.kill()
    extractor._process.join(5)
    # The page in flight when it died, or the next one, gets a fresh child.
    try:
        document = extractor(page, None)
    except RuntimeError as exc:
        assert "stopped unexpectedly" in str(exc)
        document = extractor(page, None)
    assert document.title == extract_document(page, None).title


def test_a_slow_child_is_cut_off_and_a_cancel_ends_the_wait() -> None:
    page = article_page()
    # A fresh child needs far longer than 50 ms to import the extractor: "too slow".
    with IsolatedExtractor(timeout=0.05) as slow, pytest.raises(RuntimeError, match="longer"):
        slow(page, None)
    cancel = threading.Event()
    cancel.set()  # the user quit before the child answered
    with IsolatedExtractor(cancel) as cancelled, pytest.raises(ExtractionCancelled):
        cancelled(page, None)
    assert cancelled._process is None  # stopped, not left running


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="thread priorities are POSIX")
def test_background_threads_give_way() -> None:
    seen: list[int] = []

    def background() -> None:
        lower_this_thread_priority()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=background)
    thread.start()
    thread.join()
    assert seen and seen[0] >= BACKGROUND_NICENESS
    # Only that thread: this one (the "window") keeps its priority.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < BACKGROUND_NICENESS


def _fetched(url: str, *, text: str | None = None, body: bytes | None = None) -> FetchResult:
    """A successful fetch of `url` as the fetcher returns it (feeds as bytes only)."""
    return FetchResult(
        url,
        url,
        FetchOutcome.OK,
        200,
        utc_now(),
        0.1,
        body=body or (text or "").encode(),
        text=text,
        etag='"v1"',
    )


def test_the_child_reads_feeds_and_section_pages_as_in_process(
    extractor: IsolatedExtractor,
) -> None:
    base = "https://www.courier.example"
    feed = _fetched(f"{base}/feed", body=rss(base, stories(12)).encode())
    page = _fetched(f"{base}/politics", text=section_page(base, stories(7)))
    for fetched in (feed, page):
        assert extractor.read_source(fetched) == read_source(fetched)
    pattern = read_source(page).pattern
    assert extractor.read_source(page, pattern) == read_source(page, pattern)
    # A page with nothing to follow is refused in the same words, and the child lives on.
    empty = _fetched(f"{base}/", text="<html><body><a href='/'>Home</a></body></html>")
    with pytest.raises(DiscoveryError) as in_child:
        extractor.read_source(empty)
    with pytest.raises(DiscoveryError) as in_process:
        read_source(empty)
    assert str(in_child.value) == str(in_process.value)
    assert extractor.read_source(feed).etag == '"v1"'
