"""Mapping store rows to the store's immutable records."""

from __future__ import annotations

import json
from datetime import datetime

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.store.engine import Row
from newsdiff_gui.core.store.models import Article, StoredVersion, VersionNotice, VersionSource
from newsdiff_gui.core.timeutil import from_iso, to_iso


def iso_or_none(moment: datetime | None) -> str | None:
    return to_iso(moment) if moment is not None else None


def time_or_none(text: str | None) -> datetime | None:
    return from_iso(text) if text else None


def article_from_row(row: Row) -> Article:
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        added_at=from_iso(row["added_at"]),
        active=bool(row["active"]),
        stopped_reason=row["stopped_reason"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        check_interval=row["check_interval"],
        next_check_at=time_or_none(row["next_check_at"]),
        failure_count=row["failure_count"],
        last_checked_at=time_or_none(row["last_checked_at"]),
        last_error=row["last_error"],
        last_changed_at=time_or_none(row["last_changed_at"]),
        unread_changes=row["unread_changes"],
        version_count=row["version_count"],
        latest_suspect=row["latest_suspect"],
    )


def version_from_row(row: Row) -> StoredVersion:
    return StoredVersion(
        id=row["id"],
        article_id=row["article_id"],
        number=row["number"],
        captured_at=from_iso(row["captured_at"]),
        source=VersionSource(row["source"]),
        final_url=row["final_url"],
        http_status=row["http_status"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        sha256=row["raw_sha256"],
        raw_size=row["raw_size"],
        encoding=row["raw_encoding"],
        document=Document.from_json_dict(json.loads(row["document_json"])),
        content_hash=row["content_hash"],
        extractor=row["extractor"],
        extractor_version=row["extractor_version"],
        returns_to=row["returns_to"],
        suspect_extraction=bool(row["suspect_extraction"]),
        suspect_reason=row["suspect_reason"],
        notices=_notices(row["notices"]),
    )


def _notices(stored: str) -> tuple[VersionNotice, ...]:
    # Sorted by the enum's order, so every reader lists a version's flags alike.
    values = set(json.loads(stored))
    return tuple(notice for notice in VersionNotice if notice.value in values)
