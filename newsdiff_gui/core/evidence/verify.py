"""`newsdiff verify FILE`: what a package (or a signed PDF report) proves, or what failed.

Every check runs even after one fails, so the reader sees each file and log entry that does
not hold, by name, in the order a package is built: files against the manifest, the manifest
against its signed digest, the WARC records, the pages and index against the records, the
audit log's chain and its capture entries against the pages, and last the ZIP container.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.exceptions import ArchiveLoadFailed

from newsdiff_gui.core.audit.chain import (
    AuditAction,
    AuditEntryError,
    entry_from_json,
    verify_chain,
)
from newsdiff_gui.core.evidence import layout
from newsdiff_gui.core.evidence.archive import ArchivedCapture, read_captures
from newsdiff_gui.core.evidence.pdf_signature import PdfSignatureProblem, check_pdf
from newsdiff_gui.core.evidence.signing import (
    SignatureProblem,
    check_digest_document,
    digest_text,
)
from newsdiff_gui.core.evidence.timestamp import TimestampProblem, check_timestamp
from newsdiff_gui.core.evidence.zipcheck import canonical_zip_problem

# A migrated article's pages are vouched for by its `migrate` entry ("version N": SHA-256).
_CAPTURE_ACTIONS = (AuditAction.CAPTURE, AuditAction.IMPORT, AuditAction.MIGRATE)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    summary: str  # what is proven, when ok
    failures: tuple[str, ...] = ()

    def line(self) -> str:
        return self.summary if self.ok else "; ".join(self.failures)


@dataclass
class _Findings:
    failures: list[str] = field(default_factory=list)
    proven: list[str] = field(default_factory=list)

    def fail(self, text: str) -> None:
        self.failures.append(text)


def verify_file(path: Path) -> Verdict:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Verdict(False, "", (f"cannot read {path}: {exc.strerror or exc}",))
    if data.startswith(b"%PDF-"):
        return verify_pdf(data)
    return verify_wacz(data)


def verify_pdf(data: bytes) -> Verdict:
    try:
        check = check_pdf(data)
    except PdfSignatureProblem as exc:
        return Verdict(False, "", (str(exc),))
    when = f" at {check.signed_at}" if check.signed_at else ""
    return Verdict(True, f"PDF intact, signed{when} by key {check.fingerprint} ({check.reason})")


def verify_wacz(data: bytes) -> Verdict:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        # NotImplementedError: zipfile's word for a ZIP feature or version it cannot read.
        return Verdict(False, "", (f"not a WACZ package: not a complete ZIP file ({exc})",))
    if layout.DATAPACKAGE not in names:
        return Verdict(False, "", ("not a WACZ package: it has no datapackage.json",))
    findings = _Findings()
    files = _read_all(archive, names, findings)
    package = _manifest(files.get(layout.DATAPACKAGE, b""), findings)
    if package is None:
        return Verdict(False, "", tuple(findings.failures))
    _check_resources(package, files, findings)
    fingerprint = _check_signature(files, package, findings)
    captures = _check_archive(files, findings)
    pages = _check_pages(files, captures, findings)
    log_summary = _check_log(files, pages, findings)
    problem = canonical_zip_problem(data, files)
    if problem:
        findings.fail(problem)
    if findings.failures:
        return Verdict(False, "", tuple(findings.failures))
    return Verdict(True, _summary(pages, fingerprint, log_summary, findings.proven))


def _read_all(
    archive: zipfile.ZipFile, names: Sequence[str], findings: _Findings
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in names:
        # Packages are stored, never compressed: a compressed member is not ours, and
        # not inflating it keeps a ZIP bomb from filling the memory.
        if archive.getinfo(name).compress_type != zipfile.ZIP_STORED:
            findings.fail(f"{name}: compressed inside the ZIP (packages store their files)")
            continue
        try:
            files[name] = archive.read(name)
        except (
            zipfile.BadZipFile,
            OSError,
            ValueError,
            EOFError,
            RuntimeError,
            NotImplementedError,
        ) as exc:
            # RuntimeError: zipfile's word for a member flagged as encrypted.
            findings.fail(f"{name}: damaged inside the ZIP ({exc})")
    return files


def _manifest(data: bytes, findings: _Findings) -> Mapping[str, Any] | None:
    try:
        package = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        findings.fail("datapackage.json is not valid JSON")
        return None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        findings.fail("datapackage.json: not a WACZ manifest (no resources)")
        return None
    if "wacz_version" not in package:
        findings.fail("not a WACZ package: datapackage.json has no wacz_version")
        return None
    return package


def _check_resources(
    package: Mapping[str, Any], files: Mapping[str, bytes], findings: _Findings
) -> None:
    listed = set()
    for resource in package["resources"]:
        path = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(path, str):
            findings.fail("datapackage.json: a resource without a path")
            continue
        listed.add(path)
        if path not in files:
            findings.fail(f"{path}: listed in datapackage.json but missing")
            continue
        data = files[path]
        if resource.get("hash") != "sha256:" + hashlib.sha256(data).hexdigest():
            findings.fail(f"{path}: SHA-256 does not match datapackage.json")
        elif resource.get("bytes") != len(data):
            findings.fail(f"{path}: size does not match datapackage.json")
    for name in sorted(set(files) - listed - {layout.DATAPACKAGE, layout.DIGEST}):
        findings.fail(f"{name}: not listed in datapackage.json")


def _check_signature(
    files: Mapping[str, bytes], manifest: Mapping[str, Any], findings: _Findings
) -> str:
    if layout.DIGEST not in files:
        findings.fail("datapackage-digest.json is missing: the package is not signed")
        return ""
    try:
        digest = json.loads(files[layout.DIGEST])
        if not isinstance(digest, dict):
            raise ValueError("not an object")
        if digest_text(digest) != files[layout.DIGEST]:
            raise SignatureProblem("datapackage-digest.json: not as written (altered layout)")
        fingerprint = check_digest_document(digest, files[layout.DATAPACKAGE], manifest)
    except (UnicodeDecodeError, ValueError) as exc:
        findings.fail(f"datapackage-digest.json is not valid JSON ({exc})")
        return ""
    except SignatureProblem as exc:
        findings.fail(str(exc))
        return ""
    token = digest["signedData"].get("timestampResponse")
    if token is not None:
        try:
            trusted = check_timestamp(str(token), files[layout.DATAPACKAGE])
        except TimestampProblem as exc:
            findings.fail(f"datapackage-digest.json: {exc}")
        else:
            findings.proven.append(f"timestamped {trusted.at} by {trusted.authority}")
    return fingerprint


def _check_archive(files: Mapping[str, bytes], findings: _Findings) -> list[ArchivedCapture]:
    warc = files.get(layout.ARCHIVE)
    if warc is None:
        findings.fail(f"{layout.ARCHIVE} is missing")
        return []
    try:
        return list(read_captures(warc))
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        findings.fail(f"{layout.ARCHIVE}: a WARC record does not read ({exc})")
        return []


def _check_pages(
    files: Mapping[str, bytes], captures: Sequence[ArchivedCapture], findings: _Findings
) -> list[dict[str, Any]]:
    """Each page must be a capture record (address, time, page hash) the index points to."""
    try:
        lines = files[layout.PAGES].decode("utf-8").splitlines()
        pages = [json.loads(line) for line in lines[1:] if line.strip()]
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError):
        findings.fail(f"{layout.PAGES} is missing or not JSON lines")
        return []
    index = _index_entries(files.get(layout.INDEX, b""), findings)
    by_key = {(c.url, c.timestamp): c for c in captures}
    from warcio.timeutils import iso_date_to_timestamp

    for page in pages:
        try:
            key = (str(page["url"]), iso_date_to_timestamp(str(page["ts"])))
        except (KeyError, TypeError, ValueError):
            findings.fail(f"{layout.PAGES}: a page without url and ts")
            continue
        capture = by_key.get(key)
        name = f"page {page.get('id', key[0])}"
        if capture is None:
            findings.fail(f"{layout.PAGES}: {name} has no capture record in the WARC")
        elif page.get("sha256") not in (None, capture.sha256):
            findings.fail(f"{layout.PAGES}: {name} is not the page the WARC record holds")
        elif index.get(key) != (capture.offset, capture.length):
            findings.fail(f"{layout.INDEX}: {name} is not indexed at its WARC record")
    # Every successful capture is a page; other responses (a redirect on the way) may stand
    # in the WARC as recorded, but no page may rest on them.
    shown = {(str(page.get("url")), str(page.get("ts"))) for page in pages}
    for capture in captures:
        if capture.status.startswith("2") and (capture.url, capture.date) not in shown:
            findings.fail(
                f"{layout.PAGES}: the WARC capture of {capture.url} at {capture.date} is not a page"
            )
    return pages


def _index_entries(data: bytes, findings: _Findings) -> dict[tuple[str, str], tuple[int, int]]:
    entries = {}
    try:
        for line in data.decode("utf-8").splitlines():
            _surt, timestamp, fields = line.split(" ", 2)
            record = json.loads(fields)
            entries[(record["url"], timestamp)] = (int(record["offset"]), int(record["length"]))
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        findings.fail(f"{layout.INDEX} is not a CDXJ index")
    return entries


def _check_log(
    files: Mapping[str, bytes], pages: Sequence[Mapping[str, Any]], findings: _Findings
) -> str:
    if layout.LOG not in files:
        return "no audit log"
    try:
        log = json.loads(files[layout.LOG])
        entries = [entry_from_json(obj) for obj in log["entries"]]
        before = str(log["before"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AuditEntryError) as exc:
        findings.fail(f"{layout.LOG}: unreadable audit log ({exc})")
        return ""
    check = verify_chain(entries, before)
    if not check.ok:
        findings.fail(f"{layout.LOG}: {check.describe()}")
        return ""
    logged = {
        value
        for entry in entries
        if entry.action in _CAPTURE_ACTIONS
        for value in entry.detail.values()
    }
    for page in pages:
        if page.get("sha256") not in logged:
            findings.fail(
                f"{layout.LOG}: no capture entry for page {page.get('id')} "
                f"(SHA-256 {page.get('sha256')})"
            )
    return check.describe()


def _summary(
    pages: Sequence[Mapping[str, Any]], fingerprint: str, log: str, extra: Sequence[str]
) -> str:
    times = sorted(str(page["ts"]) for page in pages)
    urls = sorted({str(page["url"]) for page in pages})
    what = f"{len(pages)} captures of {', '.join(urls)}"
    if times:
        what += f", between {times[0]} and {times[-1]}"
    parts = [f"{what}, signed by key {fingerprint}", *extra, log]
    return "; ".join(parts)
