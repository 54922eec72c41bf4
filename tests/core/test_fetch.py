"""The fetch layer's limits, one by one, against servers on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import brotli
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from benchmarks.robustness_fetch import (
    METADATA_NAME,
    HostileCase,
    HostileSite,
    Route,
    hostile_cases,
    resolving,
)
from newsdiff_gui import USER_AGENT
from newsdiff_gui.core.fetch import (
    Fetcher,
    FetchOutcome,
    FetchRequest,
    FetchResult,
    parse_retry_after,
)
from tests.support.timing import HASTY, PATIENT, PROMPTLY, Stall

PAGE = b"<!DOCTYPE html><html><head><title>t</title></head><body><p>Hello.</p></body></html>"


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(PATIENT) as opened:
        yield opened


def get(fetcher: Fetcher, url: str, **kwargs: str):  # type: ignore[no-untyped-def]
    return fetcher.fetch(FetchRequest(url, **kwargs))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/",
        "javascript:alert(1)",
        "example.org/a",
        "http:///x",
        "::::",
    ],
)
def test_non_http_urls_refused_without_a_request(fetcher: Fetcher, url: str) -> None:
    result = get(fetcher, url)
    assert result.outcome is FetchOutcome.INVALID_URL
    assert result.error and ("http" in result.error or "host" in result.error)


def test_user_agent_and_success_fields(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    httpserver.expect_request("/a", headers={"User-Agent": USER_AGENT}).respond_with_data(
        PAGE, content_type="text/html; charset=utf-8", headers={"ETag": '"x1"'}
    )
    result = get(fetcher, httpserver.url_for("/a"))
    assert result.ok and result.status == 200 and result.body == PAGE
    assert result.etag == '"x1"' and result.encoding == "utf-8" and result.error is None
    assert result.final_url == httpserver.url_for("/a")


def test_conditional_get(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    stamp = "Tue, 03 Mar 2026 10:00:00 GMT"
    httpserver.expect_request(
        "/c", headers={"If-None-Match": '"v1"', "If-Modified-Since": stamp}
    ).respond_with_data("", status=304)
    result = get(fetcher, httpserver.url_for("/c"), etag='"v1"', last_modified=stamp)
    assert result.outcome is FetchOutcome.NOT_MODIFIED and result.status == 304
    assert result.etag == '"v1"' and result.last_modified == stamp


def test_http_errors_and_retry_after(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    later = datetime.now(UTC) + timedelta(hours=1)
    httpserver.expect_request("/404").respond_with_data("no", status=404)
    httpserver.expect_request("/429").respond_with_data(
        "", status=429, headers={"Retry-After": "120"}
    )
    httpserver.expect_request("/503").respond_with_data(
        "", status=503, headers={"Retry-After": format_datetime(later, usegmt=True)}
    )
    missing = get(fetcher, httpserver.url_for("/404"))
    assert missing.outcome is FetchOutcome.HTTP_ERROR and missing.error == "HTTP 404 Not Found"
    limited = get(fetcher, httpserver.url_for("/429"))
    assert limited.status == 429 and limited.retry_after == 120
    busy = get(fetcher, httpserver.url_for("/503"))
    assert busy.retry_after is not None and 3500 < busy.retry_after <= 3600
    assert parse_retry_after("garbage") is None


def test_redirects_are_followed_counted_and_loops_stopped(
    httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    for n in range(6):
        httpserver.expect_request(f"/r{n}").respond_with_data(
            "", status=301, headers={"Location": f"/r{n + 1}"}
        )
    httpserver.expect_request("/r6").respond_with_data(PAGE, content_type="text/html")
    five = get(fetcher, httpserver.url_for("/r1"))
    assert five.ok and five.final_url == httpserver.url_for("/r6")
    six = get(fetcher, httpserver.url_for("/r0"))
    assert six.outcome is FetchOutcome.TOO_MANY_REDIRECTS and "More than 5" in (six.error or "")
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    loop = get(fetcher, httpserver.url_for("/loop"))
    assert loop.outcome is FetchOutcome.TOO_MANY_REDIRECTS and "loop" in (loop.error or "")
    httpserver.expect_request("/ftp").respond_with_data(
        "", status=302, headers={"Location": "ftp://example.org/x"}
    )
    assert get(fetcher, httpserver.url_for("/ftp")).outcome is FetchOutcome.INVALID_URL


@cache
def _bombs() -> dict[str, tuple[bytes, str]]:
    zeros = b"\0" * (64 * 1024 * 1024)
    deflate = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS)
    deflated = deflate.compress(zeros) + deflate.flush()
    gzip_member = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    gzipped = gzip_member.compress(zeros) + gzip_member.flush()
    return {
        "gzip": (gzipped * 16, "gzip"),  # 1 GB once inflated
        "deflate": (deflated * 1, "deflate"),
        "br": (brotli.compress(zeros * 4, quality=5), "br"),
    }


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compression_bombs_stop_early_in_bounded_memory(
    httpserver: HTTPServer, fetcher: Fetcher, encoding: str
) -> None:
    body, header = _bombs()[encoding]
    httpserver.expect_request("/bomb").respond_with_data(
        body, content_type="text/html", headers={"Content-Encoding": header}
    )
    tracemalloc.start()
    started = time.monotonic()
    result = get(fetcher, httpserver.url_for("/bomb"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.outcome is FetchOutcome.TOO_LARGE and result.error == "Page larger than 15 MB"
    assert time.monotonic() - started < 5
    assert peak < 40 * 1024 * 1024, f"peak {peak / 2**20:.1f} MB"


def test_compressed_pages_decode(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    import gzip

    for name, data in (
        ("gzip", gzip.compress(PAGE)),
        ("br", brotli.compress(PAGE)),
        ("deflate", zlib.compress(PAGE)),
    ):
        httpserver.expect_request(f"/{name}").respond_with_data(
            data, content_type="text/html", headers={"Content-Encoding": name}
        )
        result = get(fetcher, httpserver.url_for(f"/{name}"))
        assert result.ok and result.body == PAGE, name
    httpserver.expect_request("/corrupt").respond_with_data(
        b"\x1f\x8bnot gzip at all", content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    corrupt = get(fetcher, httpserver.url_for("/corrupt"))
    assert corrupt.outcome is FetchOutcome.DECODE_ERROR


def test_big_body_is_cut_at_the_cap(httpserver: HTTPServer, fetcher: Fetcher) -> None:
    # No Content-Length shortcut: a chunked stream must be stopped while reading.
    def stream(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            yield b"<html><body><p>"
            for _ in range(50 * 16):
                yield b"a" * 65536

        return Response(chunks(), content_type="text/html")

    httpserver.expect_request("/big").respond_with_handler(stream)
    tracemalloc.start()
    result = get(fetcher, httpserver.url_for("/big"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.outcome is FetchOutcome.TOO_LARGE
    assert peak < 40 * 1024 * 1024


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"%PDF-1.7 ...", "application/pdf", FetchOutcome.NOT_HTML),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png", FetchOutcome.NOT_HTML),
        (b"\x00\x01\x02\x03" * 500, "text/html", FetchOutcome.NOT_HTML),
        (b"\x00\x01\x02\x03" * 500, "application/octet-stream", FetchOutcome.NOT_HTML),
        (PAGE, "application/octet-stream", FetchOutcome.OK),
        (PAGE, "", FetchOutcome.OK),
        (b"", "text/html", FetchOutcome.EMPTY),
        (b"   \n  ", "text/html", FetchOutcome.EMPTY),
    ],
)
def test_content_types(
    httpserver: HTTPServer, fetcher: Fetcher, body: bytes, content_type: str, expected: FetchOutcome
) -> None:
    httpserver.expect_request("/t").respond_with_response(
        Response(body, headers={"Content-Type": content_type} if content_type else {})
    )
    result = get(fetcher, httpserver.url_for("/t"))
    assert result.outcome is expected, result.error
    if expected is not FetchOutcome.OK:
        assert result.error and result.body is None


def test_timeouts_hold_for_silent_and_trickling_servers(httpserver: HTTPServer) -> None:
    # Both servers hold the request until the test ends: only the timeout can end the fetch.
    done = threading.Event()

    def trickle(request: Request) -> Response:
        def drip() -> Iterator[bytes]:
            yield b"<html><body><p>"
            while not done.wait(0.1):
                yield b"x"

        return Response(drip(), content_type="text/html")

    with Stall(lambda: Response(PAGE, content_type="text/html")) as silent:
        httpserver.expect_request("/silent").respond_with_handler(silent)
        httpserver.expect_request("/trickle").respond_with_handler(trickle)
        try:
            with Fetcher(HASTY) as fetcher:
                for path in ("/silent", "/trickle"):
                    started = time.monotonic()
                    result = get(fetcher, httpserver.url_for(path))
                    elapsed = time.monotonic() - started
                    assert result.outcome is FetchOutcome.TIMEOUT, path
                    assert result.error == "Timed out after 1 s"
                    assert elapsed < PROMPTLY, (path, elapsed)
        finally:
            done.set()


class _CountingHandler(BaseHTTPRequestHandler):
    # Each request is held until the fetcher's whole allowance (8) has been in flight at
    # once, so the peaks reached do not depend on how fast a loaded machine starts threads;
    # a fetcher that allowed more would still show it, since the hold then ends at once.
    lock = threading.Condition()
    in_flight: ClassVar[dict[str, int]] = {}
    peak: ClassVar[dict[str, int]] = {}
    peak_total = 0

    def do_GET(self) -> None:
        host = self.headers["Host"]
        cls = type(self)
        with cls.lock:
            cls.in_flight[host] = cls.in_flight.get(host, 0) + 1
            cls.peak[host] = max(cls.peak.get(host, 0), cls.in_flight[host])
            cls.peak_total = max(cls.peak_total, sum(cls.in_flight.values()))
            cls.lock.notify_all()
            cls.lock.wait_for(lambda: cls.peak_total >= 8, timeout=PROMPTLY)
        time.sleep(0.05)
        with cls.lock:
            cls.in_flight[host] -= 1
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


def test_concurrency_is_bounded_per_host_and_in_total() -> None:
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler) for _ in range(6)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        urls = [
            f"http://127.0.0.1:{server.server_address[1]}/p{i}"
            for server in servers
            for i in range(5)
        ]
        with Fetcher() as fetcher:
            results = list(fetcher.fetch_many([FetchRequest(u) for u in urls]))
        assert sorted(r.request_url for r in results) == sorted(urls)
        assert all(r.ok for r in results)
        assert max(_CountingHandler.peak.values()) == 2
        assert _CountingHandler.peak_total == 8
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def test_cancel_stops_promptly(httpserver: HTTPServer) -> None:
    done = threading.Event()

    def slow(request: Request) -> Response:
        def drip() -> Iterator[bytes]:
            yield b"<html><body><p>"
            while not done.wait(0.05):  # a page that never ends: only the cancel ends it
                yield b"x" * 10

        return Response(drip(), content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    try:
        with Fetcher(PATIENT) as fetcher:
            requests = [FetchRequest(httpserver.url_for("/slow") + f"?{i}") for i in range(4)]
            results = list(fetcher.fetch_many(requests, cancel=cancel))
    finally:
        done.set()
    assert time.monotonic() - started < PROMPTLY
    assert len(results) == 4
    assert all(r.outcome is FetchOutcome.CANCELLED for r in results)


def test_connection_refused(fetcher: Fetcher) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = get(fetcher, f"http://127.0.0.1:{port}/")
    assert result.outcome is FetchOutcome.CONNECTION_ERROR
    assert result.error and f"127.0.0.1:{port}" in result.error


# -- hostile redirects and addresses: always a typed result, never an exception ---------

REDIRECT_CASES = [c for c in hostile_cases(port=0) if c.route.status in (301, 302)]


@pytest.fixture
def site() -> Iterator[HostileSite]:
    with HostileSite() as opened, resolving(METADATA_NAME, "169.254.169.254"):
        yield opened


@pytest.mark.parametrize("case", REDIRECT_CASES, ids=[c.name for c in REDIRECT_CASES])
def test_hostile_redirects_end_as_readable_failures(
    site: HostileSite, fetcher: Fetcher, case: HostileCase
) -> None:
    (real,) = [c for c in hostile_cases(site.port) if c.name == case.name]  # its port
    site.routes[real.path] = real.route
    result = get(fetcher, site.url(real.path))
    assert not result.ok and result.error and real.words in result.error
    assert result.error.isprintable()
    if real.outcome is not None:
        assert result.outcome.value == real.outcome


def test_a_host_resolving_to_link_local_is_refused_before_connecting(
    site: HostileSite, fetcher: Fetcher
) -> None:
    result = get(fetcher, f"http://{METADATA_NAME}:{site.port}/latest/meta-data/")
    assert result.outcome is FetchOutcome.REFUSED_ADDRESS
    assert result.error == (
        f"{METADATA_NAME} resolves to 169.254.169.254, a link-local address (169.254.0.0/16), "
        "where cloud metadata services answer, never a news site; it is not fetched"
    )


def test_one_link_local_answer_among_several_refuses_the_host(
    monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    real = socket.getaddrinfo

    def two_answers(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "mixed.example":
            return real(host, port, *args, **kwargs)
        return real("127.0.0.1", port, *args, **kwargs) + real("fe80::1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", two_answers)
    result = get(fetcher, f"http://mixed.example:{httpserver.port}/a")
    assert result.outcome is FetchOutcome.REFUSED_ADDRESS
    assert result.error and "resolves to fe80::1, a link-local address (fe80::/10)" in result.error


def test_the_checked_address_is_the_one_connected_to(
    monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    # DNS rebinding: a first answer that passes, then the metadata address. The name is
    # resolved once per connection and the socket goes to the address that was checked.
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        address = "127.0.0.1" if len(lookups) == 1 else "169.254.169.254"
        return real(address, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = get(fetcher, f"http://rebind.example:{httpserver.port}/a")
    assert result.ok and result.body == PAGE
    assert lookups == ["rebind.example"]


def test_redirect_to_a_link_local_address_in_an_odd_form_is_refused(
    site: HostileSite, fetcher: Fetcher
) -> None:
    site.routes["/r"] = Route(301, ((b"Location", b"http://0251.0376.0251.0376/"),))
    result = get(fetcher, site.url("/r"))
    assert result.outcome is FetchOutcome.INVALID_URL
    assert result.error and "'0251.0376.0251.0376' is 169.254.169.254" in result.error


def test_redirect_hops_are_contacted_in_canonical_form(site: HostileSite, fetcher: Fetcher) -> None:
    site.routes["/from"] = Route(
        302, ((b"Location", f"http://0x7f000001:{site.port}/to".encode()),)
    )
    site.routes["/to"] = Route(200, ((b"Content-Type", b"text/html"),), PAGE)
    result = get(fetcher, site.url("/from"))
    assert result.ok and result.final_url == site.url("/to")


@pytest.mark.parametrize(
    "validators",
    [{"etag": '"caf\u00e9"'}, {"etag": '"a"\r\nX-Evil: 1'}, {"last_modified": "Tue\u202e, 03"}],
)
def test_stored_validators_a_server_once_sent_never_break_the_request(
    httpserver: HTTPServer, fetcher: Fetcher, validators: dict[str, str]
) -> None:
    httpserver.expect_request("/v").respond_with_data(PAGE, content_type="text/html")
    result = get(fetcher, httpserver.url_for("/v"), **validators)
    assert result.ok, result.error


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("\u00b2", None),  # str.isdigit() says yes, float() says no
        ("\u0661\u0662", None),  # Arabic-Indic digits
        ("1" + "0" * 30, 7 * 24 * 3600.0),
        ("9" * 5000, 7 * 24 * 3600.0),
        ("Tue, 03 Mar 9999 10:00:00 GMT", 7 * 24 * 3600.0),
        ("Tue, 03 Mar 1999 10:00:00 GMT", 0.0),
        ("120", 120.0),
        ("inf", None),
        ("nan", None),
    ],
)
def test_retry_after_is_a_finite_wait_of_at_most_a_week(header: str, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds


def test_an_unforeseen_error_is_an_internal_error_result(
    monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer, fetcher: Fetcher
) -> None:
    import newsdiff_gui.core.fetch.client as client

    def broken(*_args: object) -> object:
        raise LookupError("no such codec")

    monkeypatch.setattr(client, "decode_html", broken)
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    result = get(fetcher, httpserver.url_for("/a"))
    assert result.outcome is FetchOutcome.INTERNAL_ERROR
    assert result.error == "Internal error while fetching: LookupError: no such codec"


class _FlakyFetcher(Fetcher):
    def fetch(self, request: FetchRequest, cancel: threading.Event | None = None) -> FetchResult:
        if request.url.endswith("/bug"):
            raise RuntimeError("a bug in the fetcher")
        return super().fetch(request, cancel)


def test_a_fetch_that_raises_fails_only_its_own_request(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(PAGE, content_type="text/html")
    urls = [httpserver.url_for("/a"), httpserver.url_for("/bug"), "http://[::1/broken"]
    with _FlakyFetcher(PATIENT) as flaky:
        results = {r.request_url: r for r in flaky.fetch_many([FetchRequest(u) for u in urls])}
    assert set(results) == set(urls)
    assert results[urls[0]].ok
    bug = results[urls[1]]
    assert bug.outcome is FetchOutcome.INTERNAL_ERROR
    assert bug.error == "Internal error while fetching: RuntimeError: a bug in the fetcher"
    assert results[urls[2]].outcome is FetchOutcome.INVALID_URL


def test_what_a_server_sends_is_never_stored_with_control_characters(
    site: HostileSite, fetcher: Fetcher
) -> None:
    # A content type holding U+202E (httpx reads header bytes as UTF-8 when they are);
    # the message quotes the type, so it holds the character escaped, never raw.
    content_type = b"application/\xe2\x80\xaefdp"
    site.routes["/odd"] = Route(200, ((b"Content-Type", content_type),), PAGE)
    result = get(fetcher, site.url("/odd"))
    assert result.outcome is FetchOutcome.NOT_HTML
    assert result.error == "Not an HTML page (application/\\u202efdp)"
    assert result.error.isprintable()
