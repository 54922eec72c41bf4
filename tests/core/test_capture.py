"""The capture engine end to end against a local server: versions, noise, every fault."""

from __future__ import annotations

import dataclasses
import gzip
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from newsdiff_gui.core.capture import CaptureService, CheckOutcome, ImportOutcome
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.fetch import Fetcher, FetchOutcome
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import STORM, STORM_TITLE, article_page
from tests.support.timing import HASTY, PATIENT, PROMPTLY, Stall

T0 = datetime(2026, 3, 3, 11, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    with VersionStore.open(store_address) as opened:
        yield opened


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(PATIENT) as opened:
        yield opened


@pytest.fixture
def service(store: VersionStore, fetcher: Fetcher) -> CaptureService:
    return CaptureService(store, fetcher, clock=Clock())


def serve(httpserver: HTTPServer, path: str, html: str, **headers: str) -> str:
    httpserver.expect_request(path).respond_with_data(
        html.encode("utf-8"),
        content_type=headers.pop("content_type", "text/html; charset=utf-8"),
        headers=headers,
    )
    return httpserver.url_for(path)


def check_one(service: CaptureService, article_id: int):  # type: ignore[no-untyped-def]
    reports = list(service.check([article_id]))
    assert len(reports) == 1
    return reports[0]


def test_track_check_change_check_gives_two_versions(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    url = serve(httpserver, "/storm", article_page())
    article = service.track(url)
    first = check_one(service, article.id)
    assert first.outcome == CheckOutcome.NEW_VERSION and first.version is not None
    assert first.version.document.paragraphs == STORM
    assert first.version.document.title == "Storm batters coastal towns overnight"

    httpserver.clear()
    edited = (STORM[0].replace("Seven people were", "At least eight people were"), *STORM[1:])
    serve(httpserver, "/storm", article_page(paragraphs=edited))
    second = check_one(service, article.id)
    assert second.outcome == CheckOutcome.NEW_VERSION
    versions = store.list_versions(article.id)
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].document.paragraphs[0].startswith("At least eight")
    assert [c.outcome for c in store.checks.of_article(article.id)] == [
        "new_version",
        "new_version",
    ]
    assert store.get_article(article.id).unread_changes == 1


def test_boilerplate_only_change_makes_no_version(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    url = serve(httpserver, "/storm", article_page())
    article = service.track(url)
    assert check_one(service, article.id).outcome == CheckOutcome.NEW_VERSION
    httpserver.clear()
    serve(
        httpserver,
        "/storm",
        article_page(updated="Updated 11:02 GMT", ad_slot="Advertisement: New cars from 9,999"),
    )
    report = check_one(service, article.id)
    assert report.outcome == CheckOutcome.UNCHANGED and report.message is None
    assert len(store.list_versions(article.id)) == 1


def test_not_modified_is_recorded_as_unchanged(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    url = serve(httpserver, "/storm", article_page(), ETag='"v1"')
    article = service.track(url)
    check_one(service, article.id)
    httpserver.clear()
    httpserver.expect_request("/storm", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    report = check_one(service, article.id)
    assert report.outcome == CheckOutcome.UNCHANGED and report.http_status == 304
    assert len(store.list_versions(article.id)) == 1
    # An unchanged check stretches the interval (30 min → 36 min).
    state = store.get_article(article.id)
    assert state.check_interval == pytest.approx(36 * 60)


def _gzip_bomb() -> bytes:
    # ~1 GB of zeros compresses to ~1 MB: it must be stopped long before it is inflated.
    compressor_input = b"\0" * (1024 * 1024)
    out = gzip.compress(compressor_input, compresslevel=9)
    # Concatenated gzip members decompress as one stream.
    return out * 1024


def _article() -> Response:
    return Response(article_page(), content_type="text/html")


# Each fault's answer (None: the server holds the request past a short timeout).
FAULTS: dict[str, tuple[Callable[[], Response] | None, str]] = {
    "http_404": (lambda: Response("gone", status=404), "http_error"),
    "http_500": (lambda: Response("oops", status=500), "http_error"),
    "http_429": (
        lambda: Response("slow down", status=429, headers={"Retry-After": "7200"}),
        "http_error",
    ),
    "timeout": (None, "timeout"),
    "redirect_loop": (
        lambda: Response("", status=302, headers={"Location": "/fault"}),
        "too_many_redirects",
    ),
    "huge_body": (
        lambda: Response(b"<html><body><p>" + b"a" * (50 * 1024 * 1024), content_type="text/html"),
        "too_large",
    ),
    "gzip_bomb": (
        lambda: Response(
            _gzip_bomb(), content_type="text/html", headers={"Content-Encoding": "gzip"}
        ),
        "too_large",
    ),
    "binary": (
        lambda: Response(b"\x89PNG\r\n\x1a\n" + bytes(4000), content_type="image/png"),
        "not_html",
    ),
    "empty": (lambda: Response(b"", content_type="text/html"), "empty"),
    "no_article": (
        lambda: Response(
            "<html><body><nav><a href='/'>Home</a></nav></body></html>", content_type="text/html"
        ),
        "no_article",
    ),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_is_recorded_and_versions_untouched(
    fault: str, httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    url = serve(httpserver, "/fault", article_page())
    article = service.track(url)
    good = check_one(service, article.id)
    assert good.version is not None
    before = store.list_versions(article.id)

    httpserver.clear()
    answer, expected = FAULTS[fault]
    with Stall(_article) as stall, Fetcher(HASTY) as hasty:
        checker = service
        if answer is None:
            httpserver.expect_request("/fault").respond_with_handler(stall)
            checker = CaptureService(store, hasty, clock=service.clock)
        else:
            httpserver.expect_request("/fault").respond_with_handler(lambda request: answer())
        started = time.monotonic()
        report = check_one(checker, article.id)
        elapsed = time.monotonic() - started

    assert report.outcome == expected, report
    assert report.message and len(report.message) < 300
    assert elapsed < PROMPTLY  # a bomb or a silent server never holds a batch
    assert store.list_versions(article.id) == before
    checks = store.checks.of_article(article.id)
    assert checks[-1].outcome == expected and checks[-1].error == report.message
    state = store.get_article(article.id)
    assert state.last_error == report.message and state.active
    assert state.failure_count == 1
    assert state.next_check_at is not None
    delay = state.next_check_at - service.clock()
    assert delay >= timedelta(hours=2) if fault == "http_429" else delay == timedelta(minutes=10)


def test_connection_reset_and_refused_are_recorded(
    service: CaptureService, store: VersionStore
) -> None:
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def reset_once() -> None:
        connection, _ = listener.accept()
        connection.recv(1024)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
        connection.close()  # linger 0: the peer sees a reset

    thread = threading.Thread(target=reset_once, daemon=True)
    thread.start()
    reset_article = service.track(f"http://127.0.0.1:{port}/reset")
    report = check_one(service, reset_article.id)
    assert report.outcome == "connection_error" and report.message
    thread.join(timeout=5)
    listener.close()

    refused = service.track(f"http://127.0.0.1:{port}/closed")
    report = check_one(service, refused.id)
    assert report.outcome == "connection_error" and report.message
    assert store.list_versions(refused.id) == []


@pytest.mark.parametrize(
    ("charset", "declared"),
    [("windows-1252", True), ("windows-1252", False), ("shift_jis", True), ("shift_jis", False)],
)
def test_charsets_decode(
    charset: str, declared: bool, httpserver: HTTPServer, service: CaptureService
) -> None:
    if charset == "shift_jis":
        paragraphs = (
            "東京都内で火曜日、大規模な停電が発生し、約四万世帯で電気が使えなくなった。",
            "電力会社によると、変電所の設備故障が原因とみられ、復旧には数時間かかる見通しだという。",
            "鉄道各社は一部区間で運転を見合わせ、駅には帰宅を急ぐ人々があふれた。",
            "都の担当者は、病院や高齢者施設への電力供給を優先していると説明した。",
            "気象庁によると、都内は今夜から気温が大きく下がる見込みで、暖房が使えない世帯への支援が課題となる。",
            "電力会社は水曜日の朝までに全面復旧を目指すとしている。",
        )
        title = "都内で大規模停電"
    else:
        paragraphs = (
            "The café’s owner, Renée Dubois, said the “naïve” plan would cost €40,000.",
            *STORM[1:],
        )
        title = "Café owner criticises plan"
    html = article_page(title, paragraphs, charset=charset if declared else None)
    httpserver.expect_request("/page").respond_with_data(
        html.encode(charset), content_type="text/html"
    )
    article = service.track(httpserver.url_for("/page"))
    report = check_one(service, article.id)
    assert report.version is not None, report
    document = report.version.document
    assert document.title == title
    # The charset is what this test is about: every paragraph arrives intact.
    stored_text = "\n".join(document.paragraphs)
    assert all(paragraph in stored_text for paragraph in paragraphs)
    assert "\ufffd" not in stored_text


def test_import_saved_page(service: CaptureService, store: VersionStore, tmp_path: Path) -> None:
    raw = article_page().encode("utf-8")
    report = service.import_page("https://courier.example/storm", raw, T0 - timedelta(days=1))
    assert report.outcome == CheckOutcome.NEW_VERSION and report.version is not None
    assert report.version.source.value == "import"
    assert store.raw_html(report.article_id, 1) == raw


def test_outcomes_are_typed_and_stored_as_before(
    service: CaptureService, store: VersionStore, httpserver: HTTPServer
) -> None:
    url = serve(httpserver, "/story", article_page())
    article = service.track(url)
    first = check_one(service, article.id)
    assert first.outcome is CheckOutcome.NEW_VERSION
    httpserver.clear()
    httpserver.expect_request("/story").respond_with_data("gone", status=404)
    failed = check_one(service, article.id)
    assert failed.outcome is FetchOutcome.HTTP_ERROR  # the fetch layer's own value
    raw = article_page(paragraphs=STORM[:2]).encode()
    assert first.version is not None  # captured at the fetch's real time
    imported = service.import_page(url, raw, first.version.captured_at + timedelta(hours=1))
    assert imported.outcome is CheckOutcome.NEW_VERSION
    assert ImportOutcome.of(imported.outcome) is ImportOutcome.NEW_VERSION
    again = service.import_page(url, raw, first.version.captured_at + timedelta(hours=2))
    assert ImportOutcome.of(again.outcome) is ImportOutcome.UNCHANGED
    # The stored (and printed) strings are the values they always were.
    stored = [check.outcome for check in store.checks.of_article(article.id)]
    assert stored == ["new_version", "http_error", "import_new_version", "import_unchanged"]
    assert all(type(outcome) is str for outcome in stored)
    assert f"{failed.outcome}" == str(failed.outcome) == "http_error"


def test_an_extractor_upgrade_is_not_a_new_version(
    httpserver: HTTPServer, store: VersionStore, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdiff_gui.core import capture
    from newsdiff_gui.core.extract import EXTRACTOR_VERSION, extract_document

    def older(html: str, url: str | None) -> Document:
        # The previous extractor read the headline from elsewhere (stale JSON-LD, say).
        return dataclasses.replace(extract_document(html, url), title="Storm hits coast")

    url = serve(httpserver, "/storm", article_page())
    monkeypatch.setattr(capture, "EXTRACTOR_VERSION", "0.9")
    old_service = CaptureService(store, fetcher, clock=Clock(), extract=older)
    article = old_service.track(url)
    assert check_one(old_service, article.id).outcome == CheckOutcome.NEW_VERSION
    monkeypatch.undo()
    stored = store.latest_version(article.id)
    assert stored is not None and stored.document.title == "Storm hits coast"
    assert stored.extractor_version == "0.9" != EXTRACTOR_VERSION

    # Same page, upgraded extractor: the text differs from the stored one only by
    # the extractor's reading, so no version appears.
    service = CaptureService(store, fetcher, clock=Clock())
    unchanged = check_one(service, article.id)
    assert unchanged.outcome == CheckOutcome.UNCHANGED
    assert len(store.list_versions(article.id)) == 1
    # The check's record says which rule judged, so "unchanged" is not taken on trust.
    assert unchanged.detail == (
        f"the text differs from version 1 only because the extractor changed "
        f"(newsdiff-extract 0.9 → {EXTRACTOR_VERSION}); version 1's page reads the same today"
    )
    assert store.checks.of_article(article.id)[-1].detail == unchanged.detail
    # A real edit after the upgrade is still a version.
    httpserver.clear()
    edited = (STORM[0].replace("Seven people were", "At least eight people were"), *STORM[1:])
    serve(httpserver, "/storm", article_page(paragraphs=edited))
    assert check_one(service, article.id).outcome == CheckOutcome.NEW_VERSION
    assert len(store.list_versions(article.id)) == 2


def _outlet_page(title: str, paragraphs: tuple[str, ...], headline: str) -> str:
    """An article of one outlet: its story, then the outlet's promo with a rotating link."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} - The Harbour Courier</title></head><body>
<header><nav><a href="/">Home</a> <a href="/port">Port</a></nav></header>
<main><article><h1>{title}</h1><div class="article-body">
{body}
<p>Read more from the Courier: <a href="/next">{headline}</a> - and get every story
first in our app, free for subscribers.</p>
</div></article></main><footer>&copy; 2026 The Harbour Courier</footer></body></html>"""


FERRY = (
    "The ferry to the islands will run every hour from the first of June, the operator said.",
    "Fares will stay at 4.50 euros for adults and 2 euros for children under twelve.",
)
BAKERY = (
    "A bakery on Quay Street has won a national award for its rye bread, judges said.",
    "Its owners, who opened the shop in 1998, said they would not raise their prices.",
)


def _track_outlet(httpserver: HTTPServer, service: CaptureService) -> None:
    for path, title, story, headline in (
        ("/ferry", "Hourly ferry from June", FERRY, "Bakery wins award for rye bread"),
        ("/bakery", "Quay Street bakery wins award", BAKERY, "Ferry fares stay the same"),
    ):
        url = serve(httpserver, path, _outlet_page(title, story, headline))
        assert check_one(service, service.track(url).id).outcome == CheckOutcome.NEW_VERSION


def test_a_rotated_promo_that_recurs_on_other_articles_of_the_outlet_is_unchanged(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    _track_outlet(httpserver, service)
    url = serve(httpserver, "/storm", _outlet_page(STORM_TITLE, STORM, "Council backs dredging"))
    article = service.track(url)
    first = check_one(service, article.id)
    assert first.outcome == CheckOutcome.NEW_VERSION and first.version is not None
    assert first.version.document.paragraphs == STORM
    (promo,) = first.version.document.set_aside
    assert promo.text.startswith("Read more from the Courier: Council backs dredging")
    assert promo.reason == "appears on 2 other articles of localhost"

    httpserver.clear()
    serve(httpserver, "/storm", _outlet_page(STORM_TITLE, STORM, "Storm: the clean-up begins"))
    unchanged = check_one(service, article.id)
    assert unchanged.outcome == CheckOutcome.UNCHANGED
    assert unchanged.detail == (
        "the page changed around the story; its text is version 1's (set aside as this "
        "outlet's furniture: “Read more from the Courier: Storm: the clean-up begins - and "
        "get every story…”)"
    )

    httpserver.clear()
    edited = (STORM[0].replace("Seven people were", "Eight people were"), *STORM[1:])
    serve(httpserver, "/storm", _outlet_page(STORM_TITLE, edited, "Storm: the clean-up begins"))
    assert check_one(service, article.id).outcome == CheckOutcome.NEW_VERSION


def test_learning_an_outlets_promo_later_is_not_a_new_version(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    url = serve(httpserver, "/storm", _outlet_page(STORM_TITLE, STORM, "Council backs dredging"))
    article = service.track(url)
    first = check_one(service, article.id)
    assert first.version is not None and first.version.document.set_aside == ()  # alone: kept
    _track_outlet(httpserver, service)

    httpserver.clear()
    serve(httpserver, "/storm", _outlet_page(STORM_TITLE, STORM, "Storm: the clean-up begins"))
    unchanged = check_one(service, article.id)
    assert unchanged.outcome == CheckOutcome.UNCHANGED
    assert len(store.list_versions(article.id)) == 1
    assert unchanged.detail is not None and unchanged.detail.startswith(
        "the story is version 1's once blocks this outlet prints on its other articles, "
        "learned since, are set aside: “Read more from the Courier: Council backs dredging"
    )


def test_imported_pages_of_one_outlet_set_its_promo_aside(service: CaptureService) -> None:
    for path, title, story in (("ferry", "Ferry", FERRY), ("bakery", "Bakery", BAKERY)):
        raw = _outlet_page(title, story, f"Latest on the {path}").encode()
        service.import_page(f"https://courier.example/{path}", raw, T0)
    raw = _outlet_page(STORM_TITLE, STORM, "Council backs dredging").encode()
    report = service.import_page("https://courier.example/storm", raw, T0)
    assert report.version is not None and report.version.document.paragraphs == STORM
    (promo,) = report.version.document.set_aside
    assert promo.reason == "appears on 2 other articles of courier.example"


def test_rotated_teaser_links_are_unchanged_and_a_story_edit_is_a_version(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    from tests.core.test_extract_between_captures import _STORY, _TEASER_A, _TEASER_B, _page

    url = serve(httpserver, "/dredging", _page(_TEASER_A))
    article = service.track(url)
    assert check_one(service, article.id).outcome == CheckOutcome.NEW_VERSION
    # The promo line between paragraphs now links to other stories: no version.
    httpserver.clear()
    serve(httpserver, "/dredging", _page(_TEASER_B))
    assert check_one(service, article.id).outcome == CheckOutcome.UNCHANGED
    # One figure of the story changes (the teasers as they were): a version.
    httpserver.clear()
    edited = [*_STORY[:1], _STORY[1].replace("14 million", "16 million"), *_STORY[2:]]
    serve(httpserver, "/dredging", _page(_TEASER_A, edited))
    assert check_one(service, article.id).outcome == CheckOutcome.NEW_VERSION
    assert len(store.list_versions(article.id)) == 2
