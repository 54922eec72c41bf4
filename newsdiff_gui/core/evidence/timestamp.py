"""Trusted time (optional): an RFC 3161 token from a timestamp authority over datapackage.json.

The token goes into the signed data as `timestampResponse` (base64 DER of the authority's
whole response, certificate included). `verify` checks that it was issued for these exact
manifest bytes and that its signature holds under the certificate it carries; whether that
authority is trusted is the reader's call, so the result names it.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

import httpx
from cryptography import x509
from rfc3161_client import (
    TimestampRequestBuilder,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

from newsdiff_gui.core.timeutil import to_iso

TIMEOUT_SECONDS = 20.0


class TimestampProblem(Exception):
    """The authority could not be reached or refused, or a token does not hold."""


@dataclass(frozen=True)
class TrustedTime:
    at: str  # ISO 8601 UTC, as the authority signed it
    authority: str  # the authority certificate's subject


def request_timestamp(url: str, data: bytes) -> str:
    """Ask the authority at `url` to timestamp `data`; the response, base64."""
    request = TimestampRequestBuilder().data(data).nonce(nonce=True).build()
    try:
        answer = httpx.post(
            url,
            content=request.as_bytes(),
            headers={"Content-Type": "application/timestamp-query"},
            timeout=TIMEOUT_SECONDS,
        )
        answer.raise_for_status()
        response = decode_timestamp_response(answer.content)
        _check(response.as_bytes(), data)
    except httpx.HTTPError as exc:
        raise TimestampProblem(f"timestamp authority {url}: {exc}") from exc
    except ValueError as exc:
        raise TimestampProblem(f"timestamp authority {url} answered: {exc}") from exc
    if response.tst_info.nonce != request.nonce:
        raise TimestampProblem(f"timestamp authority {url} answered another request")
    return base64.b64encode(response.as_bytes()).decode("ascii")


def check_timestamp(token: str, data: bytes) -> TrustedTime:
    try:
        raw = base64.b64decode(token, validate=True)
    except (ValueError, binascii.Error) as exc:
        raise TimestampProblem("the timestamp token is not base64") from exc
    return _check(raw, data)


def _check(raw: bytes, data: bytes) -> TrustedTime:
    try:
        response = decode_timestamp_response(raw)
        certificates = [
            x509.load_der_x509_certificate(c) for c in response.signed_data.certificates
        ]
    except ValueError as exc:
        raise TimestampProblem(f"unreadable timestamp token ({exc})") from exc
    if not certificates:
        raise TimestampProblem("the timestamp token carries no certificate")
    leaves = [c for c in certificates if not _is_authority(c)]
    if len(leaves) != 1:
        raise TimestampProblem("the timestamp token does not name one signing certificate")
    leaf = leaves[0]
    builder = VerifierBuilder().tsa_certificate(leaf)
    # The token's own chain: this proves the token is whole and signed by the certificate
    # it names; whether to trust that authority is the reader's call (the result names it).
    for certificate in certificates:
        if _is_authority(certificate):
            builder = builder.add_root_certificate(certificate)
    try:
        builder.build().verify_message(response, data)
    except (VerificationError, ValueError) as exc:
        raise TimestampProblem(f"the timestamp does not hold: {exc}") from exc
    return TrustedTime(to_iso(response.tst_info.gen_time), leaf.subject.rfc4514_string())


def _is_authority(certificate: x509.Certificate) -> bool:
    try:
        return bool(certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False
