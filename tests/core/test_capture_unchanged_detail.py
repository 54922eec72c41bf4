"""A check that read a changed page and stored no new version says why, on its record."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService, CheckOutcome, CheckReport
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import STORM, article_page
from tests.support.timing import PATIENT


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    with VersionStore.open(store_address) as opened:
        yield opened


@pytest.fixture
def service(store: VersionStore) -> Iterator[CaptureService]:
    with Fetcher(PATIENT) as fetcher:
        yield CaptureService(store, fetcher)


def _with_teasers(page: str, first: str, second: str) -> str:
    """A promo line among the story's paragraphs: a label and two linked headlines of other
    stories (no single link is most of the line, so the one-page extraction keeps it)."""
    line = (
        f'<p>More from the coast: <a href="/2026/03/{len(first)}">{first}</a> | '
        f'<a href="/2026/03/{len(second)}">{second}</a></p>'
    )
    marker = f"<p>{STORM[2][:20]}"
    return page.replace(marker, line + "\n" + marker, 1)


def _check(
    httpserver: HTTPServer, service: CaptureService, article_id: int, page: str
) -> CheckReport:
    httpserver.clear()
    httpserver.expect_request("/storm").respond_with_data(
        page.encode(), content_type="text/html; charset=utf-8"
    )
    (report,) = service.check([article_id])
    return report


def _first_capture(httpserver: HTTPServer, service: CaptureService, page: str) -> int:
    httpserver.expect_request("/storm").respond_with_data(
        page.encode(), content_type="text/html; charset=utf-8"
    )
    article = service.track(httpserver.url_for("/storm"))
    (report,) = service.check([article.id])
    assert report.outcome == CheckOutcome.NEW_VERSION
    return article.id


def test_an_identical_page_needs_no_explanation(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    article_id = _first_capture(httpserver, service, article_page())
    report = _check(httpserver, service, article_id, article_page())
    assert report.outcome == CheckOutcome.UNCHANGED
    assert report.detail is None
    assert [c.detail for c in store.checks.of_article(article_id)] == [None, None]


def test_a_page_changed_around_the_story_says_so_on_the_check(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    article_id = _first_capture(httpserver, service, article_page())
    moved_on = article_page(updated="Updated 11:05 GMT", ad_slot="Advertisement: Garden chairs")
    report = _check(httpserver, service, article_id, moved_on)
    assert report.outcome == CheckOutcome.UNCHANGED
    assert report.detail == "the page changed around the story; its text is version 1's"
    assert store.checks.of_article(article_id)[-1].detail == report.detail


def test_rotated_link_lines_are_quoted_as_what_was_set_aside(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    before = _with_teasers(article_page(), "Ferry doubles winter sailings", "Old pier damaged")
    article_id = _first_capture(httpserver, service, before)
    stored = store.latest_version(article_id)
    assert stored is not None
    assert any("Old pier damaged" in p for p in stored.document.paragraphs)
    after = _with_teasers(article_page(), "New lighthouse keeper", "Ferry doubles winter sailings")
    report = _check(httpserver, service, article_id, after)
    assert report.outcome == CheckOutcome.UNCHANGED
    assert report.detail is not None
    assert report.detail.startswith(
        "only the text of links to other pages (teasers, promos, labels), or lines both "
        "captures print unchanged, differs from version 1: "
        "“More from the coast: Ferry doubles winter sailings | Old pier"
    )
    assert "New lighthouse keeper" in report.detail
    assert store.checks.of_article(article_id)[-1].detail == report.detail


def test_a_new_version_carries_no_explanation(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    article_id = _first_capture(httpserver, service, article_page())
    edited = (STORM[0].replace("Seven people were", "At least eight people were"), *STORM[1:])
    report = _check(httpserver, service, article_id, article_page(paragraphs=edited))
    assert report.outcome == CheckOutcome.NEW_VERSION
    assert report.detail is None
    assert store.checks.of_article(article_id)[-1].detail is None
