"""WARC 1.1 records of a capture, written with warcio: what tools we did not write can read.

A fetched version keeps a `request` and a `response` record (the exchange as it went
over the wire); an imported page keeps a `resource` record of the file, with what is
known of it. Each record is gzipped on its own (a WARC reader can seek to any record),
and every record carries SHA-256 block and payload digests in warcio's spelling
("sha256:" and the base32 digest), so `warcio check` verifies them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from newsdiff_gui import USER_AGENT
from newsdiff_gui.core.fetch.exchange import Header, HttpExchange

WARC_VERSION = "WARC/1.1"
# httpcore speaks HTTP/1.1 (HTTP/2 is not enabled); a server may answer in HTTP/1.0.
REQUEST_HTTP_VERSION = "HTTP/1.1"
# Named fields of our own (WARC 1.1 allows them); WARC-Protocol and WARC-Cipher-Suite
# follow the IIPC proposal that wget and Browsertrix write.
NOTE_FIELD = "WARC-Newsdiff-Note"
CERTIFICATE_FIELD = "WARC-Peer-Certificate-SHA256"
# httpx removes the chunked framing before we see the body; kept under this name, the
# header still says how the page came, and no reader de-chunks a body that is not chunked.
ORIGINAL_PREFIX = "X-Archive-Orig-"
TRANSFER_DECODED_NOTE = (
    "body as received after the HTTP client removed the chunked transfer coding; "
    "content coding kept as sent"
)

REDIRECT_NOTE = "a redirect: its status and headers as received; its body was not read"
# What an imported file's record can and cannot tell (its date is the one given at import).
IMPORT_NOTE = (
    "imported from a saved file, not fetched by newsdiff: the bytes are the file's; "
    "no HTTP headers, address or TLS details are known; the date is the capture time "
    "given at import"
)


class _Sha256Writer(WARCWriter):  # type: ignore[misc]  # warcio ships no type hints
    """warcio's writer with SHA-256 digests instead of its default SHA-1."""

    @staticmethod
    def _create_digester() -> Any:
        return Digester("sha256")


def warc_date(moment: datetime) -> str:
    """The capture time as the version stores it (to the second), so the record and the
    version it backs name the same moment."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return str(datetime_to_iso_date(moment.replace(microsecond=0)))


def _headers_for_warc(headers: Iterable[Header]) -> tuple[list[Header], bool]:
    """Response headers as received, the transfer coding renamed (see ORIGINAL_PREFIX)."""
    kept: list[Header] = []
    renamed = False
    for name, value in headers:
        if name.lower() == "transfer-encoding":
            kept.append((ORIGINAL_PREFIX + name, value))
            renamed = True
        else:
            kept.append((name, value))
    return kept, renamed


def exchange_records(
    exchange: HttpExchange, captured_at: datetime, redirects: Iterable[HttpExchange] = ()
) -> bytes:
    """The request and response records of one fetch, each gzipped, in one WARC file:
    first those of each redirect that led to the page, in order, then the page's."""
    out = io.BytesIO()
    writer = _Sha256Writer(out, gzip=True, warc_version=WARC_VERSION)
    for hop in (*redirects, exchange):
        _write_pair(writer, hop, captured_at)
    return out.getvalue()


def _write_pair(writer: _Sha256Writer, exchange: HttpExchange, captured_at: datetime) -> None:
    fields: dict[str, str] = {"WARC-Date": warc_date(captured_at)}
    peer = exchange.peer
    if peer.ip_address:
        fields["WARC-IP-Address"] = peer.ip_address
    protocols = [exchange.http_version.lower()]
    if peer.tls_protocol:
        protocols.append(peer.tls_protocol.lower().replace("tlsv", "tls/"))
        if peer.tls_cipher:
            fields["WARC-Cipher-Suite"] = peer.tls_cipher
        if peer.certificate_sha256:
            fields[CERTIFICATE_FIELD] = peer.certificate_sha256
    headers, renamed = _headers_for_warc(exchange.response_headers)
    response_fields = dict(fields)
    if not exchange.body_read:
        response_fields[NOTE_FIELD] = REDIRECT_NOTE
    elif renamed:
        response_fields[NOTE_FIELD] = TRANSFER_DECODED_NOTE
    status_line = f"{exchange.status} {exchange.reason}".strip()
    response = writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(exchange.body),
        length=len(exchange.body),
        warc_headers_dict=response_fields,
        http_headers=StatusAndHeaders(status_line, headers, protocol=exchange.http_version),
    )
    request_line = f"{exchange.method} {exchange.request_target} {REQUEST_HTTP_VERSION}"
    request = writer.create_warc_record(
        exchange.url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        warc_headers_dict=dict(fields),
        http_headers=StatusAndHeaders(
            request_line, list(exchange.request_headers), is_http_request=True
        ),
    )
    for record in (response, request):  # the proposal repeats the field, one per layer
        for protocol in protocols:
            record.rec_headers.add_header("WARC-Protocol", protocol)
    # warcio writes the response, then the request with WARC-Concurrent-To naming it.
    writer.write_request_response_pair(request, response)


def resource_record(
    url: str, captured_at: datetime, raw: bytes, content_type: str | None, note: str
) -> bytes:
    """One `resource` record of a page we did not fetch ourselves (an import)."""
    out = io.BytesIO()
    writer = _Sha256Writer(out, gzip=True, warc_version=WARC_VERSION)
    record = writer.create_warc_record(
        url,
        "resource",
        payload=io.BytesIO(raw),
        length=len(raw),
        warc_content_type=content_type or "text/html",
        warc_headers_dict={
            "WARC-Date": warc_date(captured_at),
            NOTE_FIELD: note,
            "WARC-Software": USER_AGENT,
        },
    )
    writer.write_record(record)
    return out.getvalue()
