"""Hostile fetch cases: redirects and addresses that must not stop a batch of checks.

Each case serves, from one local server, a healthy article, the hostile one and
another healthy article, runs `CaptureService.check` over the three, and asserts
that the hostile article got a recorded failed check with a readable message
while both healthy ones got a version. `benchmarks/robustness.py` times them;
the CLI and app batch tests (tests/cli/test_check_batch.py,
tests/ui/checking/test_check_batch.py) use the same site and cases.

The site sends headers byte for byte: werkzeug (pytest-httpserver) rewrites a
Location it cannot parse, so the worst ones would never reach the fetcher.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.fetch import Fetcher, FetchLimits
from newsdiff_gui.core.schedule import ScheduleState
from newsdiff_gui.core.store import VersionStore

# A page holding this text makes `crashing_extract` raise, as an extractor bug would.
CRASH_MARKER = "hostile-extractor-crash-marker"
# A host name the cases make resolve to the cloud metadata address (see `resolving`).
METADATA_NAME = "metadata.hostile.test"


@dataclass(frozen=True, slots=True)
class Route:
    status: int
    headers: tuple[tuple[bytes, bytes], ...] = ()
    body: bytes = b""
    reason: bytes = b"Status"


class HostileSite:
    """A local HTTP/1.0 server answering each path with a fixed, unchecked response."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = routes.get(self.path, Route(404, body=b"<p>Not here.</p>"))
                lines = [b"HTTP/1.0 %d %s" % (route.status, route.reason)]
                lines += [name + b": " + value for name, value in route.headers]
                lines.append(b"Content-Length: %d" % len(route.body))
                self.wfile.write(b"\r\n".join(lines) + b"\r\n\r\n" + route.body)

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        # A short poll: shutting the server down would otherwise wait up to half a second.
        serve = functools.partial(self._server.serve_forever, poll_interval=0.02)
        threading.Thread(target=serve, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> HostileSite:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def article_html(title: str, paragraphs: tuple[str, ...]) -> bytes:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>"
        f"{body}</article></body></html>"
    )
    return page.encode("utf-8")


def healthy_route(label: str) -> Route:
    paragraphs = tuple(
        f"The {label} council approved the harbour budget on Tuesday after a long debate, "
        f"and paragraph {n} of the report explains what the money will pay for this year."
        for n in range(1, 6)
    )
    html = article_html(f"Harbour budget approved ({label})", paragraphs)
    return Route(200, ((b"Content-Type", b"text/html; charset=utf-8"),), html)


def redirect(location: bytes) -> Route:
    return Route(302, ((b"Location", location),))


@dataclass(frozen=True, slots=True)
class HostileCase:
    """One hostile article: what its server sends and the failure that must be recorded."""

    name: str
    path: str
    route: Route
    outcome: str | None  # the recorded outcome; None: any failure with a message
    words: str  # a piece of the recorded message
    failure_count: int = 0  # failed checks in a row before this one


def hostile_cases(port: int) -> list[HostileCase]:
    crash_html = article_html("A page the extractor chokes on", (CRASH_MARKER,) * 3)
    metadata = f"http://{METADATA_NAME}:{port}/latest/meta-data/".encode()
    return [
        HostileCase("redirect to javascript:", "/js", redirect(b"javascript:alert(1)"),
                    "invalid_url", "'javascript:'"),
        HostileCase("redirect to mailto:", "/mailto", redirect(b"mailto:desk@news.example"),
                    "invalid_url", "'mailto:'"),
        HostileCase("redirect to data:", "/data", redirect(b"data:text/html,<p>x</p>"),
                    "invalid_url", "'data:'"),
        HostileCase("redirect to about:", "/about", redirect(b"about:blank"),
                    "invalid_url", "'about:'"),
        # Relative to an http page, as in browsers: it leads to /nohost, which is a 404.
        HostileCase("redirect to http:nohost", "/nohost-http", redirect(b"http:nohost"),
                    "http_error", "HTTP 404"),
        HostileCase("redirect to https:nohost", "/nohost-https", redirect(b"https:nohost"),
                    "invalid_url", "no host"),
        HostileCase("redirect to port 99999", "/port", redirect(b"http://127.0.0.1:99999/a"),
                    "invalid_url", "Port out of range"),
        HostileCase("redirect to a broken IPv6 literal", "/ipv6", redirect(b"http://[::1/a"),
                    "invalid_url", "Invalid IPv6"),
        HostileCase("redirect to a bidi-control host", "/bidi",
                    redirect("http://exa\u202emple.com/".encode()),
                    "invalid_url", "internationalised domain name"),
        HostileCase("redirect to garbage", "/garbage", redirect(b"\xff\xfe ]]:[[ \x7f"),
                    None, "Redirect"),
        HostileCase("redirect to a NUL byte", "/nul", redirect(b"/a\x00b"), None, ""),
        HostileCase("redirect to 169.254.169.254", "/link-local",
                    redirect(b"http://169.254.169.254/latest/meta-data/"),
                    "invalid_url", "link-local"),
        HostileCase("redirect to 0xa9fea9fe", "/link-local-hex", redirect(b"http://0xa9fea9fe/"),
                    "invalid_url", "link-local"),
        HostileCase("redirect to ::ffff:169.254.169.254", "/link-local-v6",
                    redirect(b"http://[::ffff:169.254.169.254]/"), "invalid_url", "link-local"),
        HostileCase("redirect to a name resolving to link-local", "/link-local-dns",
                    redirect(metadata), "refused_address", "resolves to 169.254.169.254"),
        HostileCase("Retry-After of 10**30 seconds", "/busy",
                    Route(503, ((b"Retry-After", b"1" + b"0" * 30),)), "http_error", "HTTP 503"),
        HostileCase("Retry-After of a superscript digit", "/busy-digit",
                    Route(429, ((b"Retry-After", b"\xb2"),)), "http_error", "HTTP 429"),
        HostileCase("story dead for 50 checks", "/dead", Route(404), "http_error",
                    "HTTP 404 Not Found", failure_count=50),
        HostileCase("extractor raises", "/crash",
                    Route(200, ((b"Content-Type", b"text/html"),), crash_html),
                    "extraction_failed", "RecursionError"),
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class ContentCase:
    """A page that must be stored, whole, with the flag that tells the reviewer about it."""

    name: str
    path: str
    route: Route
    flag: str | None  # the version flag it must carry
    text: str  # a piece of text the stored version must hold, as the reader saw it


def _story(special: str, label: str) -> tuple[str, ...]:
    body = healthy_route(label).body.decode()
    plain = tuple(part.split("</p>")[0] for part in body.split("<p>")[1:])
    return (plain[0], special, *plain[1:])


def _page(paragraphs: tuple[str, ...], charset: bytes | None, encoding: str = "utf-8") -> Route:
    head = "<!DOCTYPE html><html><head><title>Harbour budget</title></head><body><article>"
    html = head + "<h1>Harbour budget</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    body = (html + "</article></body></html>").encode(encoding, "replace")
    content_type = b"text/html" + (b"; charset=" + charset if charset else b"")
    return Route(200, ((b"Content-Type", content_type),), body)


def content_cases() -> list[ContentCase]:
    """Pages that stored wrongly or not at all (issue 9, items 3-7), each must now be
    stored as the reader saw it, or refused in words (the PDF)."""
    reversed_figure = "The council said \u202e21\u202c homes were flooded on Monday night."
    deep = "<div>" * 300 + "<p>The deep part of the page.</p>" + "</div>" * 300
    after_deep = "Every paragraph after the deep markup is kept in the stored text."
    euro = "Tickets cost \u20ac12 \u00abor more\u00bb \u2014 the council said on Monday night."
    invalid_utf8 = _page(_story("Le caf\u00e9 du port rouvre lundi, a dit le maire.", "cafe"), None)
    broken = invalid_utf8.body.replace(b"Le caf", b"Le \xff\xfe\xfd caf")
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    blob = "q" * 1_000_000
    return [
        ContentCase("bidi override in a figure", "/bidi-figure",
                    _page(_story(reversed_figure, "bidi"), b"utf-8"),
                    "hidden_characters", "\u202e21\u202c homes"),
        ContentCase("markup nested 300 deep", "/deep",
                    _page((*_story(deep, "deep"), after_deep), b"utf-8"), None, after_deep),
        ContentCase("windows-1252 bytes under a utf-8 header", "/mislabelled",
                    _page(_story(euro, "euro"), b"utf-8", "cp1252"),
                    "charset_mismatch", "Tickets cost \ufffd12"),
        ContentCase("undeclared UTF-8 with three invalid bytes", "/invalid-utf8",
                    Route(200, invalid_utf8.headers, broken), None, "caf\u00e9 du port"),
        ContentCase("a 1 MB paragraph without spaces", "/blob",
                    _page(_story(blob, "blob"), b"utf-8"), None, blob),
        ContentCase("a PDF served as text/html", "/pdf",
                    Route(200, ((b"Content-Type", b"text/html"),), pdf), None, ""),
    ]  # fmt: skip


def crashing_extract(text: str, url: str | None) -> Document:
    """`extract_document`, except that a page holding CRASH_MARKER makes it raise."""
    if CRASH_MARKER in text:
        raise RecursionError("maximum recursion depth exceeded while walking the page")
    return extract_document(text, url)


@contextlib.contextmanager
def resolving(name: str, address: str) -> Iterator[None]:
    """Make `name` resolve to `address` in this process, as a hostile DNS record would."""
    real = socket.getaddrinfo

    def fake(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        return real(address if host == name else host, port, *args, **kwargs)

    socket.getaddrinfo = fake
    try:
        yield
    finally:
        socket.getaddrinfo = real


@dataclass(frozen=True, slots=True)
class Batch:
    healthy: tuple[int, int]  # the articles before and after the hostile ones
    hostile: dict[int, HostileCase]
    content: dict[int, ContentCase]

    @property
    def every(self) -> list[int]:
        return [self.healthy[0], *self.hostile, *self.content, self.healthy[1]]


def track_batch(
    site: HostileSite,
    store: VersionStore,
    cases: list[HostileCase],
    pages: list[ContentCase] | None = None,
) -> Batch:
    """Serve and track a healthy article, the cases, then another healthy article."""
    service = CaptureService(store)
    site.routes["/healthy-before"] = healthy_route("first")
    first = service.track(site.url("/healthy-before")).id
    hostile = {}
    for case in cases:
        site.routes[case.path] = case.route
        article = service.track(site.url(case.path))
        if case.failure_count:
            schedule = store.schedule_of(article)
            store.update_schedule(
                article.id, ScheduleState(schedule.check_interval, schedule.next_check_at,
                                          failure_count=case.failure_count)
            )  # fmt: skip
        hostile[article.id] = case
    content = {}
    for page in pages or []:
        site.routes[page.path] = page.route
        content[service.track(site.url(page.path)).id] = page
    site.routes["/healthy-after"] = healthy_route("second")
    last = service.track(site.url("/healthy-after")).id
    return Batch((first, last), hostile, content)


def assert_batch_recorded(store: VersionStore, batch: Batch) -> None:
    """Every hostile article has one failed check with its message; both healthy ones a version."""
    for article_id in batch.healthy:
        versions = store.list_versions(article_id)
        assert len(versions) == 1, f"healthy article {article_id}: {len(versions)} versions"
    for article_id, case in batch.hostile.items():
        checks = store.checks.of_article(article_id)
        assert len(checks) == 1, f"{case.name}: {len(checks)} checks recorded"
        (check,) = checks
        assert check.error, f"{case.name}: no message recorded ({check.outcome})"
        assert case.words in check.error, f"{case.name}: {check.error!r}"
        assert check.error.isprintable(), f"{case.name}: {check.error!r}"
        if case.outcome is not None:
            assert check.outcome == case.outcome, f"{case.name}: {check.outcome}"
        article = store.get_article(article_id)
        assert article.failure_count == case.failure_count + 1 and article.active, case.name
        assert article.next_check_at is not None, case.name
    for article_id, page in batch.content.items():
        versions = store.list_versions(article_id)
        if not page.text:  # a file that is not a page: refused, in words
            (check,) = store.checks.of_article(article_id)
            assert not versions and check.error and "PDF document" in check.error, page.name
            continue
        assert len(versions) == 1, f"{page.name}: {len(versions)} versions"
        (version,) = versions
        stored = "\n".join(version.document.paragraphs)
        assert page.text in stored, f"{page.name}: {stored[:200]!r}"
        assert not version.suspect_extraction, f"{page.name}: {version.suspect_reason}"
        if page.flag is not None:
            assert page.flag in version.flags, f"{page.name}: {version.flags}"


def run_batch(only: str | None = None) -> None:
    """One batch, end to end, in a temporary store: every case, or the one named `only`."""
    with (
        tempfile.TemporaryDirectory() as folder,
        HostileSite() as site,
        VersionStore.open(Path(folder) / "batch.sqlite3") as store,
        Fetcher(FetchLimits(total_timeout=5.0, connect_timeout=2.0)) as fetcher,
        resolving(METADATA_NAME, "169.254.169.254"),
    ):
        chosen = [c for c in hostile_cases(site.port) if only is None or c.name == only]
        pages = [c for c in content_cases() if only is None or c.name == only]
        assert chosen or pages, f"no case named {only!r}"
        batch = track_batch(site, store, chosen, pages)
        service = CaptureService(store, fetcher, extract=crashing_extract)
        reports = list(service.check(batch.every))
        assert len(reports) == len(batch.every)
        assert_batch_recorded(store, batch)


def run_dead_story(checks: int = 1000) -> None:
    """A story that answers 404 on every one of `checks` checks in a row."""
    with (
        tempfile.TemporaryDirectory() as folder,
        HostileSite() as site,
        VersionStore.open(Path(folder) / "dead.sqlite3") as store,
        Fetcher() as fetcher,
    ):
        service = CaptureService(store, fetcher)
        article_id = service.track(site.url("/gone")).id
        for _ in range(checks):
            (report,) = service.check([article_id])
            assert report.message == "HTTP 404 Not Found", report.message
        assert store.get_article(article_id).failure_count == checks


def cases() -> list[tuple[str, Callable[[], None]]]:
    names = [case.name for case in hostile_cases(port=0)]  # names do not depend on the port
    names += [page.name for page in content_cases()]
    found: list[tuple[str, Callable[[], None]]] = [
        (f"fetch: {name}", functools.partial(run_batch, name)) for name in names
    ]
    found.append(("fetch: every hostile case in one batch", run_batch))
    found.append(("fetch: a story dead for 1,000 checks in a row", run_dead_story))
    return found
