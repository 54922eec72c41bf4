"""Any change to a package makes verify fail and name what changed."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from newsdiff_gui.core.evidence import layout
from newsdiff_gui.core.evidence.archive import read_captures
from newsdiff_gui.core.evidence.contents import audit_part
from newsdiff_gui.core.evidence.package import export_wacz
from newsdiff_gui.core.evidence.signing import digest_document, digest_text
from newsdiff_gui.core.evidence.verify import verify_file, verify_wacz
from newsdiff_gui.core.evidence.zipcheck import write_entries
from tests.core.evidence.history import T0, History, make_history


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[History, bytes]:
    folder = tmp_path_factory.mktemp("tamper")
    history = make_history(folder)
    out = folder / "a.wacz"
    export_wacz(
        history.store,
        history.article_id,
        None,
        None,
        out,
        history.key,
        now=T0.replace(year=2027),
        audit=audit_part(history.store, history.article_id),
    )
    history.store.close()
    return history, out.read_bytes()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    write_entries(out, files.items())
    return out.getvalue()


def test_the_untouched_package_verifies(package: tuple[History, bytes]) -> None:
    assert verify_wacz(package[1]).ok


def test_one_flipped_byte_in_every_file_is_named(package: tuple[History, bytes]) -> None:
    files = members(package[1])
    assert len(files) == 15  # the twelve files of a 4-version package, manifest and digest
    for name, original in files.items():
        rng = random.Random(name)
        for position in (0, *rng.sample(range(len(original)), 5), len(original) - 1):
            changed = dict(files)
            data = bytearray(original)
            data[position] ^= 0x01
            changed[name] = bytes(data)
            verdict = verify_wacz(rezip(changed))
            assert not verdict.ok, (name, position)
            assert name in verdict.line(), (name, position, verdict.line())


def test_a_hundred_random_flipped_bytes_each_fail(package: tuple[History, bytes]) -> None:
    data = package[1]
    rng = random.Random(20261202)
    for position in rng.sample(range(len(data)), 100):
        changed = bytearray(data)
        changed[position] ^= 1 << rng.randrange(8)
        verdict = verify_wacz(bytes(changed))
        assert not verdict.ok, position
        assert verdict.failures and all(verdict.failures), position


def _with_log(package: tuple[History, bytes], edit: object) -> str:
    """Re-package with an edited log, re-hashed and re-signed with the same key, as someone
    holding the key would: only the chain itself can give the edit away."""
    history, data = package
    files = members(data)
    log = json.loads(files[layout.LOG])
    log["entries"] = edit(log["entries"])  # type: ignore[operator]
    files[layout.LOG] = layout.json_bytes(log)
    manifest = json.loads(files[layout.DATAPACKAGE])
    import hashlib

    for resource in manifest["resources"]:
        if resource["path"] == layout.LOG:
            resource["hash"] = "sha256:" + hashlib.sha256(files[layout.LOG]).hexdigest()
            resource["bytes"] = len(files[layout.LOG])
    files[layout.DATAPACKAGE] = layout.json_bytes(manifest)
    digest = digest_document(files[layout.DATAPACKAGE], manifest["created"], history.key)
    files[layout.DIGEST] = digest_text(digest)
    verdict = verify_wacz(rezip(files))
    assert not verdict.ok
    return verdict.line()


def test_a_deleted_log_entry_is_named(package: tuple[History, bytes]) -> None:
    line = _with_log(package, lambda entries: entries[:2] + entries[3:])
    assert "log entry 4" in line and "deleted" in line


def test_reordered_log_entries_are_named(package: tuple[History, bytes]) -> None:
    line = _with_log(package, lambda entries: [entries[1], entries[0], *entries[2:]])
    # entry 2 now comes first, and does not follow from the start of the article's log
    assert "log entry 2" in line and "moved" in line


def test_an_edited_log_entry_is_named(package: tuple[History, bytes]) -> None:
    def edit(entries: list[dict[str, object]]) -> list[dict[str, object]]:
        entries[4]["author"] = "Someone else"
        return entries

    line = _with_log(package, edit)
    assert "log entry 5" in line and "edited" in line


def test_a_capture_missing_from_the_log_is_named(package: tuple[History, bytes]) -> None:
    line = _with_log(package, lambda entries: [])
    assert "no capture entry for page version-1" in line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04 not really", "not a complete ZIP file"),
        (b"", "not a complete ZIP file"),
    ],
)
def test_files_that_are_not_packages_get_one_clear_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "x.wacz"
    path.write_bytes(content)
    verdict = verify_file(path)
    assert not verdict.ok and expected in verdict.line() and "\n" not in verdict.line()


def test_a_zip_that_is_not_a_wacz(tmp_path: Path) -> None:
    verdict = verify_wacz(rezip({"hello.txt": b"hi"}))
    assert verdict.line() == "not a WACZ package: it has no datapackage.json"


def test_a_truncated_package(package: tuple[History, bytes]) -> None:
    verdict = verify_wacz(package[1][: len(package[1]) // 2])
    assert not verdict.ok and "not a complete ZIP file" in verdict.line()


def test_a_compressed_member_is_not_inflated(package: tuple[History, bytes]) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members(package[1]).items():
            archive.writestr(name, data)
        archive.writestr("bomb/zeros.bin", bytes(50_000_000))
    verdict = verify_wacz(out.getvalue())
    assert not verdict.ok
    assert "bomb/zeros.bin: compressed inside the ZIP" in verdict.line()


def test_a_member_flagged_as_encrypted_is_named(package: tuple[History, bytes]) -> None:
    data = bytearray(package[1])
    central = data.index(b"PK\x01\x02")  # the first member's central directory entry
    data[central + 8] |= 0x01  # "encrypted"
    verdict = verify_wacz(bytes(data))
    first = zipfile.ZipFile(io.BytesIO(package[1])).namelist()[0]
    assert not verdict.ok and f"{first}: damaged inside the ZIP" in verdict.line()


def test_a_zip_version_zipfile_cannot_read_is_one_clear_line(
    package: tuple[History, bytes],
) -> None:
    data = bytearray(package[1])
    central = data.index(b"PK\x01\x02")
    data[central + 6] ^= 0x80  # "version needed to extract": 14.8, which nothing reads
    verdict = verify_wacz(bytes(data))
    assert not verdict.ok and "not a complete ZIP file" in verdict.line()


@pytest.mark.parametrize("date", ["", "yesterday", "2026-13-45T12:00:00Z"])
def test_a_warc_date_that_does_not_read_is_named(date: str) -> None:
    """A WARC whose digests hold but whose record date is damaged: one line, no crash."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = {"WARC-Date": date, "WARC-Target-URI": "https://news.example/a"}
    record = writer.create_warc_record(
        "https://news.example/a",
        "resource",
        payload=io.BytesIO(b"<p>page</p>"),
        warc_content_type="text/html",
        warc_headers_dict=headers,
    )
    writer.write_record(record)
    with pytest.raises(ValueError, match="WARC-Date does not read"):
        read_captures(out.getvalue())
