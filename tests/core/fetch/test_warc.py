"""WARC records of a capture: what warcio reads back equals what the server sent."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import io
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pytest_httpserver import HTTPServer
from warcio.archiveiterator import ArchiveIterator
from werkzeug import Response
from werkzeug.serving import WSGIRequestHandler

from newsdiff_gui.core.capture import CaptureService, CheckOutcome
from newsdiff_gui.core.fetch import Fetcher
from newsdiff_gui.core.fetch import client as fetch_client
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import to_iso
from tests.support.pages import article_page
from tests.support.timing import PATIENT

T0 = datetime(2026, 3, 3, 11, 0, tzinfo=UTC)


@pytest.fixture
def store(store_address: str) -> Iterator[VersionStore]:
    # On both engines (tests/support/stores.py): records are bytes kept as they came.
    with VersionStore.open(store_address) as opened:
        yield opened


@pytest.fixture
def service(store: VersionStore) -> Iterator[CaptureService]:
    with Fetcher(PATIENT) as fetcher:
        yield CaptureService(store, fetcher, clock=lambda: T0)


def read_records(warc: bytes) -> list[tuple[object, bytes, bytes]]:
    """(record, payload as stored, payload decoded) for each record, digests checked."""
    found = []
    for record in ArchiveIterator(io.BytesIO(warc), check_digests="raise"):
        raw = record.raw_stream.read()
        found.append((record, raw, b""))
    decoded = []
    for record in ArchiveIterator(io.BytesIO(warc)):
        decoded.append(record.content_stream().read())
    return [(r, raw, d) for (r, raw, _), d in zip(found, decoded, strict=True)]


def protocols(headers: object) -> list[str]:
    return [value for name, value in headers.headers if name == "WARC-Protocol"]  # type: ignore[attr-defined]


def answered_protocol() -> str:
    """The HTTP version werkzeug's test servers answer in now, as WARC-Protocol names it."""
    return str(WSGIRequestHandler.protocol_version).lower()


def sha256_label(data: bytes) -> str:
    return "sha256:" + base64.b32encode(hashlib.sha256(data).digest()).decode("ascii")


def test_a_check_keeps_request_and_response_records_warcio_reads_back(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    html = article_page().encode("utf-8")
    served = gzip.compress(html)
    httpserver.expect_request("/warc-story").respond_with_data(
        served,
        content_type="text/html; charset=utf-8",
        headers={"Content-Encoding": "gzip", "X-Desk": "Metro"},
    )
    url = httpserver.url_for("/warc-story")
    article = service.track(url)
    report = next(iter(service.check([article.id])))
    assert report.outcome is CheckOutcome.NEW_VERSION and report.version is not None
    warc = store.warc.records(report.version.id)
    assert warc is not None and warc[:2] == b"\x1f\x8b"  # gzipped per record
    records = read_records(warc)
    assert [r.rec_type for r, _, _ in records] == ["response", "request"]  # type: ignore[attr-defined]
    (response, raw, body), (request, _, _) = records
    headers = response.rec_headers  # type: ignore[attr-defined]
    assert headers.protocol == "WARC/1.1"
    assert headers.get_header("WARC-Target-URI") == url
    assert headers.get_header("WARC-Date") == to_iso(report.version.captured_at)
    assert headers.get_header("WARC-IP-Address") == "127.0.0.1"
    # The version the server answered in: werkzeug's test server speaks HTTP/1.0 until a
    # threaded werkzeug server (another test's site) switches its handler to HTTP/1.1.
    assert protocols(headers) == [answered_protocol()]
    # The body as received (still gzipped), and what it decodes to: the stored page.
    assert raw == served and body == html == store.raw_html(article.id, 1)
    assert headers.get_header("WARC-Payload-Digest") == sha256_label(served)
    http = response.http_headers  # type: ignore[attr-defined]
    assert http.get_statuscode() == "200"
    assert http.get_header("X-Desk") == "Metro" and http.get_header("Content-Encoding") == "gzip"
    request_headers = request.rec_headers  # type: ignore[attr-defined]
    assert request_headers.get_header("WARC-Concurrent-To") == headers.get_header("WARC-Record-ID")
    assert request.http_headers.protocol == "GET"  # type: ignore[attr-defined]
    assert request.http_headers.statusline == "/warc-story HTTP/1.1"  # type: ignore[attr-defined]
    assert request.http_headers.get_header("User-Agent").startswith("newsdiff")  # type: ignore[attr-defined]
    assert request.http_headers.get_header("Accept-Encoding") == "gzip, deflate, br"  # type: ignore[attr-defined]
    assert httpserver.log[-1][0].headers["User-Agent"] == request.http_headers.get_header(  # type: ignore[attr-defined]
        "User-Agent"
    )


def test_a_chunked_page_says_its_transfer_coding_was_removed(
    httpserver: HTTPServer,
    service: CaptureService,
    store: VersionStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # werkzeug answers in HTTP/1.0 (no chunking) unless told to speak HTTP/1.1.
    monkeypatch.setattr(WSGIRequestHandler, "protocol_version", "HTTP/1.1")
    html = article_page().encode("utf-8")
    pieces = [html[: len(html) // 2], html[len(html) // 2 :]]
    httpserver.expect_request("/chunked").respond_with_response(
        Response(iter(pieces), content_type="text/html; charset=utf-8")
    )
    article = service.track(httpserver.url_for("/chunked"))
    report = next(iter(service.check([article.id])))
    assert report.version is not None
    warc = store.warc.records(report.version.id)
    assert warc is not None
    (response, raw, body), _ = read_records(warc)
    http = response.http_headers  # type: ignore[attr-defined]
    assert protocols(response.rec_headers) == ["http/1.1"]  # type: ignore[attr-defined]
    assert http.get_header("Transfer-Encoding") is None
    assert http.get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert "chunked" in response.rec_headers.get_header("WARC-Newsdiff-Note")  # type: ignore[attr-defined]
    assert raw == body == html


def test_redirects_that_led_to_the_page_are_kept_before_it(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    httpserver.expect_request("/short").respond_with_data(
        "", status=301, headers={"Location": "/moved"}
    )
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": "/final"}
    )
    httpserver.expect_request("/final").respond_with_data(
        article_page(), content_type="text/html; charset=utf-8"
    )
    article = service.track(httpserver.url_for("/short"))
    report = next(iter(service.check([article.id])))
    assert report.version is not None
    warc = store.warc.records(report.version.id)
    assert warc is not None
    records = [record for record, _, _ in read_records(warc)]
    kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in records]  # type: ignore[attr-defined]
    assert kinds == [
        ("response", httpserver.url_for("/short")),
        ("request", httpserver.url_for("/short")),
        ("response", httpserver.url_for("/moved")),
        ("request", httpserver.url_for("/moved")),
        ("response", httpserver.url_for("/final")),
        ("request", httpserver.url_for("/final")),
    ]
    first, _, second, _, final, _ = records
    assert first.http_headers.get_statuscode() == "301"  # type: ignore[attr-defined]
    assert first.http_headers.get_header("Location") == "/moved"  # type: ignore[attr-defined]
    assert second.http_headers.get_statuscode() == "302"  # type: ignore[attr-defined]
    assert "redirect" in first.rec_headers.get_header("WARC-Newsdiff-Note")  # type: ignore[attr-defined]
    assert final.http_headers.get_statuscode() == "200"  # type: ignore[attr-defined]
    assert final.rec_headers.get_header("WARC-Newsdiff-Note") is None  # type: ignore[attr-defined]


def test_an_unchanged_check_stores_no_records(
    httpserver: HTTPServer, service: CaptureService, store: VersionStore
) -> None:
    httpserver.expect_request("/same").respond_with_data(
        article_page(), content_type="text/html; charset=utf-8"
    )
    article = service.track(httpserver.url_for("/same"))
    first = next(iter(service.check([article.id])))
    second = next(iter(service.check([article.id])))
    assert second.outcome is CheckOutcome.UNCHANGED and first.version is not None
    assert store.warc.records(first.version.id) is not None
    count = store._query("SELECT COUNT(*) FROM version_warc")[0][0]
    assert count == 1


def test_an_import_keeps_a_resource_record_of_the_file(store: VersionStore) -> None:
    raw = article_page().encode("utf-8")
    service = CaptureService(store, clock=lambda: T0)
    report = service.import_page("https://example.org/saved", raw, T0)
    assert report.version is not None
    assert store.warc.records(report.version.id) is None  # no exchange: we fetched nothing
    warc = store.warc.resource(report.version.id)
    assert warc is not None
    [(record, payload, _)] = read_records(warc)
    headers = record.rec_headers  # type: ignore[attr-defined]
    assert record.rec_type == "resource"  # type: ignore[attr-defined]
    assert payload == raw
    assert headers.get_header("WARC-Target-URI") == "https://example.org/saved"
    assert headers.get_header("WARC-Date") == "2026-03-03T11:00:00Z"
    assert headers.get_header("Content-Type").startswith("text/html")
    assert "imported from a saved file" in headers.get_header("WARC-Newsdiff-Note")
    assert headers.get_header("WARC-Block-Digest") == sha256_label(raw)


def test_versions_stored_before_records_were_kept_have_none(store: VersionStore) -> None:
    assert store.warc.records(12345) is None and store.warc.resource(12345) is None


# -- HTTPS: the TLS details of the connection -----------------------------------------


def _self_signed(folder: Path) -> tuple[Path, Path, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path, certificate.public_bytes(serialization.Encoding.DER)


def test_an_https_capture_records_tls_protocol_cipher_and_certificate(
    tmp_path: Path, store: VersionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert_path, key_path, der = _self_signed(tmp_path)
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert_path, key_path)
    client_context = ssl.create_default_context(cafile=str(cert_path))
    monkeypatch.setattr(fetch_client, "shared_ssl_context", lambda: client_context)
    server = HTTPServer(host="localhost", ssl_context=server_context)
    server.start()
    try:
        server.expect_request("/secure").respond_with_data(
            article_page(), content_type="text/html; charset=utf-8"
        )
        with Fetcher(PATIENT) as fetcher:
            service = CaptureService(store, fetcher, clock=lambda: T0)
            article = service.track(server.url_for("/secure"))
            report = next(iter(service.check([article.id])))
    finally:
        server.clear()
        server.stop()
    assert report.version is not None, report.message
    warc = store.warc.records(report.version.id)
    assert warc is not None
    (response, _, _), _ = read_records(warc)
    headers = response.rec_headers  # type: ignore[attr-defined]
    assert headers.get_header("WARC-Target-URI").startswith("https://localhost:")
    assert protocols(headers) in (
        [answered_protocol(), "tls/1.3"],
        [answered_protocol(), "tls/1.2"],
    )
    assert headers.get_header("WARC-Cipher-Suite")
    assert headers.get_header("WARC-Peer-Certificate-SHA256") == hashlib.sha256(der).hexdigest()
    assert headers.get_header("WARC-IP-Address") in {"127.0.0.1", "::1"}
