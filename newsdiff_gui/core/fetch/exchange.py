"""The HTTP exchange behind a fetched page, as it happened: what a WARC record keeps.

The fetcher hands this over with a successful page so the store can keep the request
and response records (core/fetch/warc.py) next to the decoded page: the headers in the
order and spelling they went over the wire, the body bytes as they arrived (still
content-encoded), and what the connection knew about its peer: the IP address that
answered and, over HTTPS, the TLS protocol, cipher and the SHA-256 of the certificate
the server presented.
"""

from __future__ import annotations

import hashlib
import ssl
from dataclasses import dataclass
from typing import Any

import httpx

Header = tuple[str, str]


@dataclass(frozen=True, slots=True)
class PeerDetails:
    """What the connection knew about the server (None where the client did not say)."""

    ip_address: str | None = None
    port: int | None = None
    tls_protocol: str | None = None
    tls_cipher: str | None = None
    certificate_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class HttpExchange:
    url: str  # the address contacted for this response (after redirects)
    method: str
    request_target: str  # the request line's target: path and query, as sent
    http_version: str  # of the response's status line: what the server answered with
    request_headers: tuple[Header, ...]  # as sent, in order
    status: int
    reason: str
    response_headers: tuple[Header, ...]  # as received, in order
    body: bytes  # as received: content-encoded, transfer-decoded (see the WARC note)
    peer: PeerDetails
    body_read: bool = True  # False for a redirect: its body is never read


def _latin1(value: bytes) -> str:
    # HTTP header bytes are opaque octets; Latin-1 maps each to one character and back.
    return value.decode("latin-1")


def peer_details(response: httpx.Response) -> PeerDetails:
    """The answering address and TLS details, from httpcore's network stream.

    Read before the body: once the body is read, the connection may be closed or back
    in the pool, and its socket no longer says whom it talked to.
    """
    stream: Any = response.extensions.get("network_stream")
    if stream is None:
        return PeerDetails()
    try:
        address = stream.get_extra_info("server_addr")
        # httpcore's "ssl_object" is the C-level object; its socket has the public API.
        tls = stream.get_extra_info("socket")
    except OSError:  # the connection is already gone: nothing to say about it
        return PeerDetails()
    ip, port = (str(address[0]), int(address[1])) if address else (None, None)
    if not isinstance(tls, ssl.SSLObject | ssl.SSLSocket):
        return PeerDetails(ip, port)
    certificate = tls.getpeercert(binary_form=True)
    cipher = tls.cipher()
    return PeerDetails(
        ip,
        port,
        tls.version(),
        cipher[0] if cipher else None,
        hashlib.sha256(certificate).hexdigest() if certificate else None,
    )


def exchange_of(
    response: httpx.Response, raw_body: bytes, peer: PeerDetails, *, body_read: bool = True
) -> HttpExchange:
    request = response.request
    return HttpExchange(
        url=str(request.url),
        method=request.method,
        request_target=_latin1(request.url.raw_path),
        http_version=response.http_version,
        request_headers=tuple((_latin1(k), _latin1(v)) for k, v in request.headers.raw),
        status=response.status_code,
        reason=_latin1(response.extensions.get("reason_phrase", b"")),
        response_headers=tuple((_latin1(k), _latin1(v)) for k, v in response.headers.raw),
        body=raw_body,
        peer=peer,
        body_read=body_read,
    )
