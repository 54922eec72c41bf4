"""What goes into an article's evidence package, read from the store (no Qt, no files).

One `PackageContents` holds every file's bytes except the PDF report (drawn by the Qt layer
and passed in) and the manifest (made by the writer from these bytes).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsdiff_gui.core.align import align
from newsdiff_gui.core.annotations import Annotation
from newsdiff_gui.core.evidence import layout
from newsdiff_gui.core.evidence.archive import (
    ArchivedCapture,
    ArchivedVersion,
    build_warc,
    cdxj_index,
    read_captures,
    version_url,
)
from newsdiff_gui.core.report.export import StoredReport, stored_report
from newsdiff_gui.core.report.model import ReportOptions, SignerIdentity
from newsdiff_gui.core.report.render_html import render_report_html
from newsdiff_gui.core.store import NotFound, VersionStore
from newsdiff_gui.core.store.models import Article, StoredVersion
from newsdiff_gui.core.timeutil import to_iso


@dataclass(frozen=True)
class AuditPart:
    """The article's part of the audit log: entries as `newsdiff log --json` prints them,
    and the hash of the entry before the first (64 zeros when it is the article's first)."""

    before: str
    entries: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class PackageContents:
    article: Article
    versions: tuple[StoredVersion, ...]
    captures: tuple[ArchivedCapture, ...]  # one per version, in the same order
    report: StoredReport
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def warc(self) -> bytes:
        return self.files[layout.ARCHIVE]


def version_range(
    store: VersionStore, article_id: int, first: int | None, last: int | None
) -> tuple[StoredVersion, ...]:
    """The article's versions from `first` to `last` (both default to the ends)."""
    versions = store.list_versions(article_id)
    if not versions:
        raise NotFound(f"article {article_id} has no versions")
    first = first or versions[0].number
    last = last or versions[-1].number
    numbers = {version.number for version in versions}
    for number in (first, last):
        if number not in numbers:
            raise NotFound(f"article {article_id} has no version {number}")
    if first > last:
        raise NotFound(f"version {first} comes after version {last}")
    return tuple(v for v in versions if first <= v.number <= last)


def collect(
    store: VersionStore,
    article_id: int,
    versions: Sequence[StoredVersion],
    now: datetime,
    *,
    signing_key: SignerIdentity,
    audit: AuditPart | None,
) -> PackageContents:
    article = store.get_article(article_id)
    warc_of = getattr(store, "warc", None)  # the WARC records store, where the store has it
    archived = [
        ArchivedVersion(
            version=version,
            url=version_url(version, article.url),
            raw=store.raw_html(article_id, version.number),
            records=warc_of.records(version.id) if warc_of is not None else None,
        )
        for version in versions
    ]
    warc = build_warc(archived, article.title or article.url)
    records = read_captures(warc)
    captures = _capture_per_version(records, archived)
    report = _report(store, article_id, versions, now, signing_key, warc)
    files = {layout.ARCHIVE: warc, layout.INDEX: cdxj_index(records)}
    files[layout.PAGES] = _pages(versions, captures)
    for version in versions:
        files[layout.text_path(version.number)] = layout.json_bytes(_text(version))
    notes: list[Annotation] = []
    for old, new in itertools.pairwise(versions):
        diff = align(old.document, new.document)
        files[layout.diff_path(old.number, new.number)] = layout.json_bytes(diff.to_json_dict())
        notes += store.annotations.for_pair(old.id, new.id)
    if len(versions) > 2:
        notes += store.annotations.for_pair(versions[0].id, versions[-1].id)
    files[layout.NOTES] = layout.json_bytes([_note(note, versions) for note in notes])
    files[layout.REPORT_HTML] = render_report_html(report.report).encode("utf-8")
    if audit is not None:
        files[layout.LOG] = layout.json_bytes(
            {"article": article_id, "before": audit.before, "entries": list(audit.entries)}
        )
    return PackageContents(article, tuple(versions), captures, report, files)


def _report(
    store: VersionStore,
    article_id: int,
    versions: Sequence[StoredVersion],
    now: datetime,
    signing_key: SignerIdentity,
    warc: bytes,
) -> StoredReport:
    """The comparison on show: the range's first version against its last."""
    first, last = versions[0].number, versions[-1].number
    evidence = (("Archive SHA-256", hashlib.sha256(warc).hexdigest()),)
    return stored_report(
        store,
        article_id,
        first,
        last,
        ReportOptions(),
        now,
        signing_key=signing_key,
        evidence=evidence,
    )


def _capture_per_version(
    records: Sequence[ArchivedCapture], archived: Sequence[ArchivedVersion]
) -> tuple[ArchivedCapture, ...]:
    """Each version's capture record: the one whose payload is the stored page (its
    SHA-256), else the last capture record among the version's own records."""
    captures = list(records)
    chosen = []
    for item in archived:
        matching = [c for c in captures if c.sha256 == item.version.sha256]
        if not matching:
            raise ValueError(f"version {item.version.number}: no WARC record holds its page")
        chosen.append(matching[0])
        captures.remove(matching[0])
    return tuple(chosen)


def _pages(versions: Sequence[StoredVersion], captures: Sequence[ArchivedCapture]) -> bytes:
    lines = [json.dumps(layout.PAGES_HEADER)]
    for version, capture in zip(versions, captures, strict=True):
        lines.append(
            json.dumps(
                {
                    "id": f"version-{version.number}",
                    "url": capture.url,
                    "ts": capture.date,
                    "title": version.document.title or f"Version {version.number}",
                    "version": version.number,
                    "sha256": version.sha256,
                },
                ensure_ascii=False,
            )
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def _text(version: StoredVersion) -> dict[str, Any]:
    return {
        "version": version.number,
        "captured_at": to_iso(version.captured_at),
        "sha256": version.sha256,
        "extractor": f"{version.extractor} {version.extractor_version}",
        **version.document.to_json_dict(),
    }


def _note(note: Annotation, versions: Sequence[StoredVersion]) -> dict[str, Any]:
    number_of = {version.id: version.number for version in versions}
    return {
        "id": note.id,
        "from_version": number_of.get(note.from_version_id),
        "to_version": number_of.get(note.to_version_id),
        "anchor": note.anchor.kind.value,
        "excerpt": note.anchor.excerpt,
        "note": note.note,
        "verdict": note.state.value,
        "tags": list(note.tags),
        "author": note.author,
        "created_at": to_iso(note.created_at),
        "updated_at": to_iso(note.updated_at),
    }


def audit_part(store: VersionStore, article_id: int) -> AuditPart | None:
    """The article's whole chain from the store's audit log, where the store keeps one."""
    from newsdiff_gui.core.audit.chain import GENESIS, entry_to_json

    log = getattr(store, "audit", None)
    if log is None:
        return None
    entries = list(log.entries(article_id))
    before = entries[0].prev if entries else GENESIS
    return AuditPart(before, tuple(entry_to_json(entry) for entry in entries))
