"""Life events end to end: a local site where a story changes, goes, comes back, moves."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsdiff_gui.core.capture import CaptureService, CheckOutcome, CheckReport
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.lifecycle import EventKind, Reach
from newsdiff_gui.core.store import DuplicateArticle, VersionStore
from tests.support.pages import STORM, STORM_TITLE, article_page
from tests.support.timing import PATIENT

OTHER_TITLE = "Council approves new ferry timetable for the summer season"
OTHER = (
    "The harbour council voted on Monday evening to add two evening crossings to the "
    "island ferry timetable from June until the end of September.",
    "Councillors said demand from commuters had grown every year since the new terminal "
    "opened, and that the operator had agreed to the extra sailings.",
    "Tickets for the new crossings go on sale next week at the terminal and online.",
)
HOME = """<!DOCTYPE html><html><head><title>The Harbour Courier</title></head><body>
<ul><li><a href="/news/a">Council approves new ferry timetable</a></li>
<li><a href="/news/b">Local bakery wins national award</a></li></ul></body></html>"""


class Site:
    """One story's address whose answer each test step sets."""

    def __init__(self, httpserver: HTTPServer) -> None:
        self.status = 200
        self.html = article_page()
        self.location: str | None = None
        self.pages: dict[str, str] = {}
        httpserver.expect_request("/news/2026/storm").respond_with_handler(self._story)
        httpserver.expect_request("/").respond_with_data(HOME, content_type="text/html")
        httpserver.expect_request("/news/2026/storm-latest").respond_with_handler(self._moved)
        self.url = httpserver.url_for("/news/2026/storm")
        self.moved_url = httpserver.url_for("/news/2026/storm-latest")
        self.home_url = httpserver.url_for("/")

    def _story(self, request: Request) -> Response:
        if self.location:
            return Response(status=301, headers={"Location": self.location})
        return Response(self.html, status=self.status, content_type="text/html; charset=utf-8")

    def _moved(self, request: Request) -> Response:
        return Response(self.html, content_type="text/html; charset=utf-8")


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    # On both engines (tests/support/stores.py).
    with VersionStore.open(store_address) as opened:
        yield opened


@pytest.fixture
def service(store: VersionStore) -> Iterator[CaptureService]:
    with Fetcher(PATIENT) as fetcher:
        yield CaptureService(store, fetcher)


def check(service: CaptureService, article_id: int) -> CheckReport:
    (report,) = list(service.check([article_id]))
    return report


def kinds(store: VersionStore, article_id: int) -> list[EventKind]:
    return [event.kind for event in store.events.for_article(article_id)]


def test_a_story_changes_goes_comes_back_and_reverts(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    assert check(service, article.id).outcome == CheckOutcome.NEW_VERSION
    first = store.events.for_article(article.id)
    assert [(e.kind, e.version, e.detail) for e in first] == [
        (EventKind.FIRST_SEEN, 1, "added by hand")
    ]
    check(service, article.id)  # unchanged: nothing happened to the story
    assert kinds(store, article.id) == [EventKind.FIRST_SEEN]

    site.status = 404
    report = check(service, article.id)
    assert [e.kind for e in report.events] == [EventKind.GONE]
    assert store.events.reach(article.id) is Reach.GONE
    check(service, article.id)  # still 404: said once
    assert kinds(store, article.id) == [EventKind.FIRST_SEEN, EventKind.GONE]
    assert store.events.for_article(article.id)[-1].detail == "HTTP 404"

    site.status = 200
    assert [e.kind for e in check(service, article.id).events] == [EventKind.BACK]
    assert store.events.reach(article.id) is Reach.ACTIVE

    site.html = article_page(title="Storm leaves eight dead on the northern coast")
    report = check(service, article.id)
    assert [(e.kind, e.version) for e in report.events] == [(EventKind.HEADLINE_CHANGED, 2)]

    edited = (STORM[0].replace("Seven people were", "At least eight people were"), *STORM[1:])
    site.html = article_page(paragraphs=edited)
    assert [e.kind for e in check(service, article.id).events] == [EventKind.CHANGED]

    site.html = article_page()  # the first text, word for word
    report = check(service, article.id)
    assert [(e.kind, e.version, e.detail) for e in report.events] == [
        (EventKind.REVERTED, 4, "text returned to version 1")
    ]
    check(service, article.id)
    assert kinds(store, article.id) == [
        EventKind.FIRST_SEEN,
        EventKind.GONE,
        EventKind.BACK,
        EventKind.HEADLINE_CHANGED,
        EventKind.CHANGED,
        EventKind.REVERTED,
    ]


def test_another_story_at_the_address_is_gone_and_kept_as_evidence(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    site.html = article_page(title=OTHER_TITLE, paragraphs=OTHER)
    report = check(service, article.id)
    assert report.outcome == CheckOutcome.NEW_VERSION and report.message is None
    assert [(e.kind, e.version) for e in report.events] == [
        (EventKind.GONE, None),
        (EventKind.CHANGED, 2),
    ]
    assert OTHER_TITLE in report.events[0].detail
    assert store.list_versions(article.id)[-1].document.title == OTHER_TITLE
    assert check(service, article.id).events == ()  # still the other story: said once
    assert store.events.reach(article.id) is Reach.GONE

    site.html = article_page()  # the story is back, word for word
    report = check(service, article.id)
    assert [(e.kind, e.version) for e in report.events] == [
        (EventKind.BACK, None),
        (EventKind.REVERTED, 3),
    ]
    assert store.events.reach(article.id) is Reach.ACTIVE


def test_a_soft_404_serving_the_home_page_at_the_address_is_gone(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    site.html = HOME.replace("<head>", f'<head><link rel="canonical" href="{site.home_url}">')
    report = check(service, article.id)
    assert report.outcome == CheckOutcome.GONE
    assert [e.kind for e in report.events] == [EventKind.GONE]
    assert "the page is a list of stories" in report.events[0].detail
    assert len(store.list_versions(article.id)) == 1  # a list of stories is not a version
    assert check(service, article.id).events == ()


def test_a_rewrite_that_keeps_the_headline_is_a_change_not_gone(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    site.html = article_page(title=STORM_TITLE, paragraphs=OTHER)  # a wire swap
    report = check(service, article.id)
    assert report.outcome == CheckOutcome.NEW_VERSION
    assert [e.kind for e in report.events] == [EventKind.CHANGED]


def test_a_redirect_to_the_home_page_is_gone(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    site.location = site.home_url
    report = check(service, article.id)
    assert [e.kind for e in report.events] == [EventKind.GONE]
    assert "redirected to a list of stories" in store.events.for_article(article.id)[-1].detail
    assert store.get_article(article.id).url == site.url  # not followed to the home page
    site.location = None
    assert [e.kind for e in check(service, article.id).events] == [EventKind.BACK]


def test_a_redirect_to_a_new_article_address_is_followed(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    site.location = site.moved_url
    report = check(service, article.id)
    assert [e.kind for e in report.events] == [EventKind.REDIRECTED]
    assert site.moved_url in store.events.for_article(article.id)[-1].detail
    moved = store.get_article(article.id)
    assert moved.url == site.moved_url
    assert store.events.former_addresses(article.id) == [site.url]
    assert store.events.reach(article.id) is Reach.REDIRECTED

    site.location = None
    site.status = 404  # the old address is dead now; the new one is what is checked
    before = len(httpserver.log)
    report = check(service, article.id)
    assert report.events == () and report.message is None
    fetched = [request.path for request, _ in httpserver.log[before:]]
    assert fetched == ["/news/2026/storm-latest"]


def test_a_page_never_read_is_not_gone(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    site.status = 404
    article = service.track(site.url)
    check(service, article.id)
    assert kinds(store, article.id) == []


def with_canonical(html: str, href: str) -> str:
    return html.replace("<head>", f'<head><link rel="canonical" href="{href}">', 1)


def test_a_changed_canonical_address_is_followed_as_a_redirect(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    site.html = with_canonical(article_page(), "/news/2026/storm-latest")
    report = check(service, article.id)
    assert [e.kind for e in report.events] == [EventKind.REDIRECTED]
    assert store.get_article(article.id).url == site.moved_url
    assert check(service, article.id).events == ()  # at the new address, nothing moved


def test_a_canonical_the_page_always_had_is_not_a_move(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    site.html = with_canonical(article_page(), "https://courier.example/storm")
    article = service.track(site.url)
    check(service, article.id)
    site.html = with_canonical(
        article_page(title="Storm kills eight"), "https://courier.example/storm"
    )
    assert [e.kind for e in check(service, article.id).events] == [EventKind.HEADLINE_CHANGED]
    assert store.get_article(article.id).url == site.url


def test_a_redirect_to_an_article_already_tracked_is_said_once(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    other = service.track(site.moved_url)
    check(service, other.id)
    site.location = site.moved_url
    assert [e.kind for e in check(service, article.id).events] == [EventKind.REDIRECTED]
    assert store.get_article(article.id).url == site.url  # the address stays the other's
    assert check(service, article.id).events == ()
    assert kinds(store, article.id).count(EventKind.REDIRECTED) == 1


def test_tracking_the_old_address_of_a_redirected_story_names_its_article(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    site = Site(httpserver)
    article = service.track(site.url)
    check(service, article.id)
    site.location = site.moved_url
    check(service, article.id)
    with pytest.raises(DuplicateArticle) as raised:
        service.track(site.url)
    assert raised.value.article_id == article.id
    assert len(store.list_articles()) == 1
