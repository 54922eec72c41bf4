"""Trusted time: an RFC 3161 token over the manifest from a local authority, checked by verify."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.evidence import layout
from newsdiff_gui.core.evidence.contents import audit_part
from newsdiff_gui.core.evidence.package import export_wacz
from newsdiff_gui.core.evidence.timestamp import (
    TimestampProblem,
    check_timestamp,
    request_timestamp,
)
from newsdiff_gui.core.evidence.verify import verify_file
from tests.core.evidence.authority import Authority
from tests.core.evidence.history import T0, make_history


@pytest.fixture
def authority(httpserver: HTTPServer) -> Authority:
    made = Authority()
    httpserver.expect_request("/tsa", method="POST").respond_with_handler(made.handle)
    return made


def test_a_package_with_trusted_time_verifies(
    tmp_path: Path, httpserver: HTTPServer, authority: Authority
) -> None:
    history = make_history(tmp_path)
    out = tmp_path / "a.wacz"
    with history.store:
        export_wacz(
            history.store,
            history.article_id,
            None,
            None,
            out,
            history.key,
            now=T0.replace(year=2027),
            audit=audit_part(history.store, history.article_id),
            tsa_url=httpserver.url_for("/tsa"),
        )
    assert authority.requests == 1
    verdict = verify_file(out)
    assert verdict.ok, verdict.failures
    assert "; timestamped 2027-03-01T08:00:00Z by CN=Test TSA;" in verdict.line()


def test_a_token_for_other_bytes_fails(httpserver: HTTPServer, authority: Authority) -> None:
    token = request_timestamp(httpserver.url_for("/tsa"), b"the manifest")
    assert check_timestamp(token, b"the manifest").authority == "CN=Test TSA"
    with pytest.raises(TimestampProblem, match="does not hold"):
        check_timestamp(token, b"another manifest")


def test_a_token_signed_by_someone_else_fails(httpserver: HTTPServer, authority: Authority) -> None:
    token = base64.b64decode(request_timestamp(httpserver.url_for("/tsa"), b"data"))
    forged = Authority()  # same names, other keys: the signature cannot hold
    from asn1crypto import tsp

    original = tsp.TimeStampResp.load(token)
    signed = original["time_stamp_token"]["content"]
    signed["certificates"] = [
        tsp.TimeStampResp.load(forged.response(_query(b"data")).dump())["time_stamp_token"][
            "content"
        ]["certificates"][0],
        signed["certificates"][1],
    ]
    tampered = base64.b64encode(original.dump(force=True)).decode()
    with pytest.raises(TimestampProblem):
        check_timestamp(tampered, b"data")


def _query(data: bytes) -> object:
    from asn1crypto import tsp
    from rfc3161_client import TimestampRequestBuilder

    return tsp.TimeStampReq.load(
        TimestampRequestBuilder().data(data).nonce(nonce=True).build().as_bytes()
    )


def test_an_authority_that_is_down_is_a_typed_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/down").respond_with_data("no", status=503)
    with pytest.raises(TimestampProblem, match="timestamp authority"):
        request_timestamp(httpserver.url_for("/down"), b"data")


def test_the_token_rides_in_the_signed_data(
    tmp_path: Path, httpserver: HTTPServer, authority: Authority
) -> None:
    history = make_history(tmp_path)
    out = tmp_path / "a.wacz"
    with history.store:
        export_wacz(
            history.store,
            history.article_id,
            None,
            None,
            out,
            history.key,
            now=T0,
            tsa_url=httpserver.url_for("/tsa"),
        )
    with zipfile.ZipFile(out) as archive:
        digest = json.loads(archive.read(layout.DIGEST))
        manifest = archive.read(layout.DATAPACKAGE)
    token = digest["signedData"]["timestampResponse"]
    assert check_timestamp(token, manifest).at == "2027-03-01T08:00:00Z"
    assert io.BytesIO(base64.b64decode(token)).read(1) == b"0"  # DER sequence
