"""The WACZ package: standard tools read it, it replays, and verify says what it proves."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_timestamp

from newsdiff_gui.core.evidence import layout
from newsdiff_gui.core.evidence.contents import audit_part
from newsdiff_gui.core.evidence.package import export_wacz
from newsdiff_gui.core.evidence.verify import verify_file
from tests.core.evidence.history import T0, URL, History, make_history


@pytest.fixture
def history(tmp_path: Path) -> History:
    made = make_history(tmp_path)
    yield made
    made.store.close()


def export(history: History, out: Path, first: int | None = None, last: int | None = None) -> Path:
    export_wacz(
        history.store,
        history.article_id,
        first,
        last,
        out,
        history.key,
        now=T0.replace(year=2027),
        audit=audit_part(history.store, history.article_id),
    )
    return out


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_wacz_validate_accepts_the_package(history: History, tmp_path: Path) -> None:
    out = export(history, tmp_path / "a.wacz")
    result = subprocess.run(
        [sys.executable, "-m", "wacz", "validate", "-f", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation succeeded" in result.stdout


def test_warcio_reads_every_record_with_intact_digests(history: History, tmp_path: Path) -> None:
    files = members(export(history, tmp_path / "a.wacz"))
    kinds = [
        record.rec_type
        for record in ArchiveIterator(io.BytesIO(files[layout.ARCHIVE]), check_digests="raise")
        if record.content_stream().read() is not None
    ]
    # warcinfo; three versions as resource records; the last as the check's request+response
    assert kinds == ["warcinfo", "resource", "resource", "resource", "request", "response"]


def test_pages_replay_from_the_index(history: History, tmp_path: Path) -> None:
    files = members(export(history, tmp_path / "a.wacz"))
    pages = [json.loads(line) for line in files[layout.PAGES].decode().splitlines()]
    assert pages[0]["format"] == "json-pages-1.0"
    index = {}
    for line in files[layout.INDEX].decode().splitlines():
        _key, timestamp, fields = line.split(" ", 2)
        index[(json.loads(fields)["url"], timestamp)] = json.loads(fields)
    warc = files[layout.ARCHIVE]
    for page in pages[1:]:
        entry = index[(page["url"], iso_date_to_timestamp(page["ts"]))]
        start = int(entry["offset"])
        record = next(iter(ArchiveIterator(io.BytesIO(warc[start : start + int(entry["length"])]))))
        assert record.rec_headers.get_header("WARC-Target-URI") == page["url"]
        assert record.content_stream().read().startswith(b"<html><title>Storm")
    assert [page["version"] for page in pages[1:]] == [1, 2, 3, 4]
    assert pages[1]["ts"] == "2026-03-01T09:00:00Z" and pages[1]["title"] == "Storm 1"


def test_package_holds_texts_diffs_notes_reports_and_log(history: History, tmp_path: Path) -> None:
    files = members(export(history, tmp_path / "a.wacz", first=2, last=4))
    assert set(files) >= {
        "texts/version-2.json",
        "texts/version-4.json",
        "diffs/version-2-to-3.json",
        "diffs/version-3-to-4.json",
        layout.NOTES,
        layout.REPORT_HTML,
        layout.LOG,
    }
    assert "texts/version-1.json" not in files
    diff = json.loads(files["diffs/version-3-to-4.json"])
    assert diff["schema"] == 2 and diff["new"]["title"] == "Storm 4"
    html = files[layout.REPORT_HTML].decode()
    assert history.key.fingerprint in html and "Version 2" in html and "Version 4" in html
    log = json.loads(files[layout.LOG])
    assert log["before"] == "0" * 64 and len(log["entries"]) == len(history.log)
    manifest = json.loads(files[layout.DATAPACKAGE])
    listed = {item["path"]: item for item in manifest["resources"]}
    assert set(listed) == set(files) - {layout.DATAPACKAGE, layout.DIGEST}
    assert listed[layout.ARCHIVE]["bytes"] == len(files[layout.ARCHIVE])


def test_notes_of_the_range_are_carried(history: History, tmp_path: Path) -> None:
    files = members(export(history, tmp_path / "a.wacz"))
    notes = json.loads(files[layout.NOTES])
    assert [(n["from_version"], n["to_version"], n["note"], n["author"]) for n in notes] == [
        (1, 2, "Toll raised", "Ana")
    ]


def test_verify_states_what_is_proven(history: History, tmp_path: Path) -> None:
    verdict = verify_file(export(history, tmp_path / "a.wacz"))
    assert verdict.ok, verdict.failures
    assert verdict.line() == (
        f"4 captures of {URL}, between 2026-03-01T09:00:00Z and 2026-03-01T12:00:00Z, "
        f"signed by key {history.key.fingerprint}; log intact, 5 entries"
    )


def test_signature_is_the_spec_anonymous_form(history: History, tmp_path: Path) -> None:
    import base64
    import hashlib

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    files = members(export(history, tmp_path / "a.wacz"))
    digest = json.loads(files[layout.DIGEST])
    expected = "sha256:" + hashlib.sha256(files[layout.DATAPACKAGE]).hexdigest()
    assert digest["path"] == "datapackage.json" and digest["hash"] == expected
    signed = digest["signedData"]
    assert signed["hash"] == expected
    assert signed["created"] == json.loads(files[layout.DATAPACKAGE])["created"]
    public = load_der_public_key(base64.b64decode(signed["publicKey"]))
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(
        base64.b64decode(signed["signatureDER"]), expected.encode(), ec.ECDSA(hashes.SHA256())
    )
    assert len(base64.b64decode(signed["signature"])) == 64


def test_an_unknown_version_is_a_typed_error(history: History, tmp_path: Path) -> None:
    from newsdiff_gui.core.store import NotFound

    with pytest.raises(NotFound, match="no version 9"):
        export(history, tmp_path / "a.wacz", first=1, last=9)
    assert not (tmp_path / "a.wacz").exists()


def test_records_that_do_not_hold_the_stored_page_are_not_claimed(tmp_path: Path) -> None:
    from tests.core.evidence.history import RecordsByVersion, exchange_records, raw_page

    history = make_history(tmp_path, exchange_for_last=False)
    versions = history.store.list_versions(history.article_id)
    wrong = exchange_records(URL, raw_page(99), versions[-1].captured_at)
    history.store.warc = RecordsByVersion({versions[-1].id: wrong})  # type: ignore[attr-defined]
    files = members(export(history, tmp_path / "a.wacz"))
    kinds = [r.rec_type for r in ArchiveIterator(io.BytesIO(files[layout.ARCHIVE]))]
    assert kinds == ["warcinfo", "resource", "resource", "resource", "resource"]
    assert verify_file(tmp_path / "a.wacz").ok
    history.store.close()


def test_a_redirect_on_the_way_may_stand_in_the_warc(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from tests.core.evidence.history import RecordsByVersion, exchange_records, raw_page

    history = make_history(tmp_path, exchange_for_last=False)
    last = history.store.list_versions(history.article_id)[-1]
    hop = io.BytesIO()
    writer = WARCWriter(hop, gzip=True, warc_version="WARC/1.1")
    headers = StatusAndHeaders("301 Moved", [("Location", URL)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "http://news.example/storm",
            "response",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2026-03-01T11:59:59Z"},
        )
    )
    records = hop.getvalue() + exchange_records(URL, raw_page(last.number), last.captured_at)
    history.store.warc = RecordsByVersion({last.id: records})  # type: ignore[attr-defined]
    verdict = verify_file(export(history, tmp_path / "a.wacz"))
    assert verdict.ok and verdict.line().startswith("4 captures of "), verdict.failures
    history.store.close()
