"""Checking an address before tracking it, and tracking it with what was fetched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.address_check import Verdict, check_address, track_checked
from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import STORM_TITLE, article_page
from tests.support.server_log import requests_for


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher() as opened:
        yield opened


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (404, Verdict.MAY_COME_BACK),
        (429, Verdict.MAY_COME_BACK),
        (503, Verdict.MAY_COME_BACK),
        (410, Verdict.NOT_AN_ARTICLE),
        (403, Verdict.NOT_AN_ARTICLE),
    ],
)
def test_http_failures_say_whether_the_page_may_come_back(
    httpserver: HTTPServer, fetcher: Fetcher, status: int, verdict: Verdict
) -> None:
    httpserver.expect_request("/x").respond_with_data("no", status=status)
    check = check_address(httpserver.url_for("/x"), fetcher, extract_document)
    assert check.verdict is verdict
    assert check.message.startswith(f"HTTP {status} ")


def test_an_unreachable_server_may_come_back(fetcher: Fetcher) -> None:
    check = check_address("http://127.0.0.1:9/story", fetcher, extract_document)
    assert check.verdict is Verdict.MAY_COME_BACK


def test_a_checked_article_is_tracked_as_version_1_without_a_second_request(
    httpserver: HTTPServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    httpserver.expect_request("/storm").respond_with_data(
        article_page(), content_type="text/html; charset=utf-8"
    )
    check = check_address(httpserver.url_for("/storm"), fetcher, extract_document)
    assert check.verdict is Verdict.ARTICLE and check.title == STORM_TITLE

    def no_second_extraction(_text: str, _url: str | None) -> object:
        raise AssertionError("the page was extracted again")

    with VersionStore.open(tmp_path / "s.sqlite3") as store:
        report = track_checked(store, check, no_second_extraction)  # type: ignore[arg-type]
        assert report.outcome == "new_version"
        assert report.version is not None and report.version.number == 1
        assert store.get_version(report.article_id, 1).document.title == STORM_TITLE
        article = store.get_article(report.article_id)
        assert article.next_check_at is not None and article.failure_count == 0
    assert requests_for(httpserver, "/storm") == 1


def test_tracking_a_failure_anyway_records_it_as_the_first_failed_check(
    httpserver: HTTPServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    httpserver.expect_request("/soon").respond_with_data("no", status=404)
    check = check_address(httpserver.url_for("/soon"), fetcher, extract_document)
    with VersionStore.open(tmp_path / "s.sqlite3") as store:
        report = track_checked(store, check, extract_document)
        article = store.get_article(report.article_id)
        assert article.version_count == 0
        assert article.last_error == "HTTP 404 Not Found"
        assert article.failure_count == 1  # retried on the failure schedule
        assert [c.outcome for c in store.checks.of_article(article.id)] == ["http_error"]
    assert requests_for(httpserver, "/soon") == 1
