"""Write an article's signed WACZ 1.1.1 package.

    result = export_wacz(store, article_id, first, last, out, key, now=now,
                         render_pdf=render, tsa_url=None)

The manifest lists every file with its SHA-256 and size; `datapackage-digest.json` hashes
and signs the manifest (signing.py). The file is written whole or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdiff_gui import __version__
from newsdiff_gui.core.evidence import layout
from newsdiff_gui.core.evidence.contents import AuditPart, PackageContents, collect, version_range
from newsdiff_gui.core.evidence.keys import SigningKey
from newsdiff_gui.core.evidence.pdf_signature import sign_pdf
from newsdiff_gui.core.evidence.signing import digest_document, digest_text
from newsdiff_gui.core.evidence.timestamp import request_timestamp
from newsdiff_gui.core.evidence.zipcheck import write_entries
from newsdiff_gui.core.report.export import write_atomically
from newsdiff_gui.core.report.model import Report
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import to_iso

PdfRenderer = Callable[[Report], bytes]


@dataclass(frozen=True)
class ExportedPackage:
    path: Path
    digest: str  # "sha256:…" of datapackage.json, the value that is signed
    fingerprint: str
    contents: PackageContents


def export_wacz(
    store: VersionStore,
    article_id: int,
    first: int | None,
    last: int | None,
    out: Path,
    key: SigningKey,
    *,
    now: datetime,
    render_pdf: PdfRenderer | None = None,
    audit: AuditPart | None = None,
    tsa_url: str | None = None,
) -> ExportedPackage:
    versions = version_range(store, article_id, first, last)
    contents = collect(store, article_id, versions, now, signing_key=key.identity, audit=audit)
    if render_pdf is not None:
        contents.files[layout.REPORT_PDF] = sign_pdf(render_pdf(contents.report.report), key)
    datapackage = manifest(contents, now)
    digest = digest_document(datapackage, to_iso(now), key)
    if tsa_url:
        digest["signedData"]["timestampResponse"] = request_timestamp(tsa_url, datapackage)
    write_atomically(
        out, lambda temporary: _write_zip(temporary, contents.files, datapackage, digest)
    )
    return ExportedPackage(out, digest["hash"], key.fingerprint, contents)


def manifest(contents: PackageContents, now: datetime) -> bytes:
    resources = [
        {
            "name": layout.resource_name(path),
            "path": path,
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
        }
        for path, data in sorted(contents.files.items())
    ]
    first = contents.captures[0]
    package = {
        "profile": "data-package",
        "wacz_version": layout.WACZ_VERSION,
        "title": contents.article.title or contents.article.url,
        "description": (
            f"{len(contents.versions)} captures of {contents.article.url} with their texts, "
            "diffs, notes, reports and audit log"
        ),
        "mainPageURL": first.url,
        "mainPageDate": first.date,
        "created": to_iso(now),
        "software": f"newsdiff_gui {__version__}",
        "resources": resources,
    }
    return layout.json_bytes(package)


def _write_zip(
    path: Path, files: Mapping[str, bytes], datapackage: bytes, digest: Mapping[str, Any]
) -> None:
    entries = [
        *sorted(files.items()),
        (layout.DATAPACKAGE, datapackage),
        (layout.DIGEST, digest_text(digest)),
    ]
    write_entries(str(path), entries)
