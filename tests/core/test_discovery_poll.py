"""Following and polling sources against a local site (pytest-httpserver)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.discovery.poll import PollOutcome, Preview, SourceError, SourcePoller
from newsdiff_gui.core.discovery.source_schedule import MINIMUM_INTERVAL, SourcePolicy
from newsdiff_gui.core.extract.isolated import IsolatedExtractor
from newsdiff_gui.core.fetch import Fetcher, FetchResult
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.store.source_store import DuplicateSource, SourceKind
from tests.support.news_site import atom, json_feed, rss, section_page, stories

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    # On both engines (tests/support/stores.py).
    with VersionStore.open(store_address) as opened:
        yield opened


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher() as opened:
        yield opened


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def poller(store: VersionStore, fetcher: Fetcher, clock: Clock) -> SourcePoller:
    return SourcePoller(store, fetcher, clock=clock)


def base(httpserver: HTTPServer) -> str:
    return httpserver.url_for("").rstrip("/")


def serve(httpserver: HTTPServer, path: str, body: str, content_type: str) -> str:
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type)
    return httpserver.url_for(path)


def tracked_urls(store: VersionStore) -> list[str]:
    return [article.url for article in store.list_articles()]


@pytest.mark.parametrize(
    ("make", "content_type", "kind"),
    [
        (rss, "application/rss+xml", SourceKind.FEED),
        (atom, "application/atom+xml; charset=utf-8", SourceKind.FEED),
        (json_feed, "application/feed+json", SourceKind.FEED),
        (rss, "text/plain", SourceKind.FEED),  # mislabelled: recognised by its first bytes
        (section_page, "text/html; charset=utf-8", SourceKind.PAGE),
    ],
)
def test_follow_tracks_every_article_once_with_its_source(
    httpserver: HTTPServer,
    poller: SourcePoller,
    store: VersionStore,
    make: object,
    content_type: str,
    kind: SourceKind,
) -> None:
    items = stories(9)
    url = serve(httpserver, "/source", make(base(httpserver), items), content_type)  # type: ignore[operator]
    source, report = poller.follow(url)
    assert source.kind is kind and report.found == 9 and len(report.added) == 9
    assert tracked_urls(store) == [base(httpserver) + s.path for s in items]
    assert store.sources.first_sources() == {a: source.id for a in report.added}
    assert store.sources.get(source.id).article_count == 9
    assert store.list_articles()[0].title == items[0].title  # named before its first capture


def test_two_sources_and_tracking_variants_track_each_story_once(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore
) -> None:
    root = base(httpserver)
    items = stories(6)
    feed = serve(httpserver, "/rss", rss(root, items, suffix="?utm_source=rss&amp=1"), "text/xml")
    page = serve(
        httpserver, "/politics", section_page(root, items, link_suffix="/amp"), "text/html"
    )
    hand = CaptureService(store, clock=lambda: NOW).track(root + items[0].path)
    _, report_one = poller.follow(feed)
    second, report_two = poller.follow(page)
    assert len(report_one.added) == 5 and report_two.added == ()  # all known by then
    assert len(tracked_urls(store)) == 6
    assert store.sources.get(second.id).article_count == 6  # found by both, stored once
    assert store.sources.first_sources().get(hand.id) is None  # tracked by hand stays so


def test_an_article_known_under_its_redirected_address_is_not_tracked_again(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore, fetcher: Fetcher
) -> None:
    from tests.support.pages import article_page

    root = base(httpserver)
    new_path = stories(1)[0].path
    httpserver.expect_request("/old-address").respond_with_data(
        "", status=301, headers={"Location": new_path}
    )
    httpserver.expect_request(new_path).respond_with_data(article_page(), content_type="text/html")
    service = CaptureService(store, fetcher)
    article = service.track(root + "/old-address")
    list(service.check([article.id]))
    _, report = poller.follow(serve(httpserver, "/rss", rss(root, stories(1)), "text/xml"))
    assert report.added == () and len(store.list_articles()) == 1


def test_conditional_poll_sends_validators_and_a_304_adds_nothing(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore, clock: Clock
) -> None:
    root = base(httpserver)
    httpserver.expect_request("/rss", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    httpserver.expect_request("/rss").respond_with_data(
        rss(root, stories(3)),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Wed, 04 Mar 2026 11:00:00 GMT"},
    )
    source, _ = poller.follow(httpserver.url_for("/rss"))
    assert store.sources.get(source.id).etag == '"v1"'
    clock.now += timedelta(hours=1)
    assert poller.due_source_ids() == [source.id]
    (report,) = poller.poll([source.id])
    assert report.outcome is PollOutcome.NOT_MODIFIED and report.added == ()
    request = httpserver.log[-1][0]
    assert request.headers["If-None-Match"] == '"v1"'
    assert request.headers["If-Modified-Since"] == "Wed, 04 Mar 2026 11:00:00 GMT"
    assert len(store.list_articles()) == 3
    after = store.sources.get(source.id)
    # Nothing new: the next poll waits longer than the last interval.
    assert after.schedule.check_interval > SourcePolicy().initial_interval
    assert after.schedule.next_check_at == clock.now + after.schedule.check_interval


def test_new_items_in_a_later_poll_are_tracked_and_reset_the_interval(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore, clock: Clock
) -> None:
    root = base(httpserver)
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(root, stories(2)), "200")
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(root, stories(2)), "200")
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(root, stories(4)), "200")
    source, _ = poller.follow(httpserver.url_for("/rss"))
    clock.now += timedelta(hours=1)
    (quiet,) = poller.poll([source.id])
    assert quiet.outcome is PollOutcome.NOTHING_NEW
    grown = store.sources.get(source.id).schedule.check_interval
    (busy,) = poller.poll([source.id])
    assert busy.outcome is PollOutcome.NEW_ARTICLES and len(busy.added) == 2
    assert store.sources.get(source.id).schedule.check_interval < grown
    assert [p.added for p in store.sources.polls(source.id)] == [2, 0, 2]


def test_match_filters_what_is_tracked(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore
) -> None:
    root = base(httpserver)
    items = stories(3) + stories(2, section="world", start=50)
    source, report = poller.follow(
        serve(httpserver, "/rss", rss(root, items), "application/rss+xml"), "/world/"
    )
    assert report.found == 2 and all("/world/" in url for url in tracked_urls(store))
    assert store.sources.get(source.id).url_filter == "/world/"


def test_a_source_that_turns_bad_records_one_line_and_backs_off(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore, clock: Clock
) -> None:
    root = base(httpserver)
    httpserver.expect_ordered_request("/rss").respond_with_data(rss(root, stories(2)), "200")
    httpserver.expect_ordered_request("/rss").respond_with_data(
        "<rss><channel><item>", content_type="application/rss+xml"
    )
    httpserver.expect_ordered_request("/rss").respond_with_data("gone", status=500)
    source, _ = poller.follow(httpserver.url_for("/rss"))
    clock.now += timedelta(hours=1)
    (broken,) = poller.poll([source.id])
    assert broken.outcome is PollOutcome.NO_ARTICLES and broken.error
    (failed,) = poller.poll([source.id])
    assert failed.error == "HTTP 500 Internal Server Error"
    after = store.sources.get(source.id)
    assert after.last_error == "HTTP 500 Internal Server Error"
    assert after.schedule.failure_count == 2
    assert [p.error is None for p in store.sources.polls(source.id)] == [True, False, False]
    assert len(store.list_articles()) == 2  # nothing lost


def test_a_source_that_outruns_the_page_reader_is_told_and_the_others_are_read(
    httpserver: HTTPServer, store: VersionStore, fetcher: Fetcher, clock: Clock
) -> None:
    root = base(httpserver)
    httpserver.expect_request("/slow.rss").respond_with_data(
        rss(root, stories(2)), content_type="application/rss+xml"
    )
    httpserver.expect_request("/fine.rss").respond_with_data(
        rss(root, stories(3)), content_type="application/rss+xml"
    )
    plain = SourcePoller(store, fetcher, clock=clock)
    slow, _ = plain.follow(httpserver.url_for("/slow.rss"))
    fine, _ = plain.follow(httpserver.url_for("/fine.rss"))
    clock.now += timedelta(hours=1)
    # A child that needs longer than 50 ms (a fresh one does, to import) reads the slow one.
    with IsolatedExtractor(timeout=0.05) as hostile, IsolatedExtractor() as healthy:

        def read(result: FetchResult, pattern: str) -> Preview:
            reader = hostile if result.request_url.endswith("/slow.rss") else healthy
            return reader.read_source(result, pattern)

        reports = {
            r.source_id: r
            for r in SourcePoller(store, fetcher, clock=clock, read=read).poll([slow.id, fine.id])
        }
    assert reports[slow.id].outcome is PollOutcome.NO_ARTICLES
    assert (
        reports[slow.id].error
        == "the source could not be read: reading the page took longer than 0.05 s"
    )
    assert reports[fine.id].outcome is PollOutcome.NOTHING_NEW and reports[fine.id].error is None
    assert store.sources.get(slow.id).last_error == reports[slow.id].error
    assert len(store.list_articles()) == 3  # the stories 0-2 both sources list, once each


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        ("<html><body><a href='/about'>About</a></body></html>", "text/html", "no article-like"),
        ("%PDF-1.7 binary", "application/pdf", "Not an HTML page"),
        ('{"hello": "world"}', "application/json", "no jsonfeed.org version"),
    ],
)
def test_following_a_bad_source_refuses_in_one_line_and_stores_nothing(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore, body: str,
    content_type: str, words: str,
) -> None:  # fmt: skip
    url = serve(httpserver, "/bad", body, content_type)
    with pytest.raises(SourceError, match=words) as caught:
        poller.follow(url)
    assert "\n" not in str(caught.value)
    assert store.sources.all() == [] and store.list_articles() == []


def test_following_twice_names_the_existing_source(
    httpserver: HTTPServer, poller: SourcePoller
) -> None:
    url = serve(httpserver, "/rss", rss(base(httpserver), stories(1)), "text/xml")
    source, _ = poller.follow(url)
    with pytest.raises(DuplicateSource, match=f"source {source.id}"):
        poller.follow(url)


def test_a_large_source_spreads_its_first_captures(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore
) -> None:
    url = serve(httpserver, "/rss", rss(base(httpserver), stories(500)), "text/xml")
    poller.follow(url)
    due_times = [a.next_check_at for a in store.list_articles()]
    assert len(due_times) == 500
    assert sum(1 for t in due_times if t is not None and t <= NOW) == SourcePolicy().burst
    assert max(t for t in due_times if t is not None) <= NOW + SourcePolicy().spread_window
    assert due_times == sorted(due_times)  # type: ignore[type-var]  # newest first


def test_polls_are_never_more_often_than_the_floor(
    httpserver: HTTPServer, store: VersionStore, fetcher: Fetcher, clock: Clock
) -> None:
    eager = SourcePolicy(initial_interval=timedelta(seconds=30))
    poller = SourcePoller(store, fetcher, eager, clock=clock)
    source, _ = poller.follow(
        serve(httpserver, "/rss", rss(base(httpserver), stories(1)), "text/xml")
    )
    assert store.sources.get(source.id).schedule.next_check_at == NOW + MINIMUM_INTERVAL


def test_unfollow_with_purge_deletes_only_what_no_one_else_found(
    httpserver: HTTPServer, poller: SourcePoller, store: VersionStore
) -> None:
    root = base(httpserver)
    shared, own = stories(2), stories(3, start=10)
    hand = CaptureService(store, clock=lambda: NOW).track(root + own[0].path)
    one, _ = poller.follow(serve(httpserver, "/one", rss(root, shared + own), "text/xml"))
    two, _ = poller.follow(serve(httpserver, "/two", rss(root, shared), "text/xml"))
    assert store.sources.remove(one.id, purge=True) == 2  # own[1], own[2]
    assert sorted(tracked_urls(store)) == sorted([root + s.path for s in shared] + [hand.url])
    assert store.sources.all()[0].id == two.id
    assert store.sources.remove(two.id, purge=False) == 0
    assert len(store.list_articles()) == 3 and store.sources.first_sources() == {}
