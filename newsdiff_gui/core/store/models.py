"""Immutable records read from and written to the store."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from newsdiff_gui.core.document import Document


class StoreError(Exception):
    """A store problem the user can act on (unreadable file, full disk, newer schema)."""


class NotFound(StoreError):
    """No such article or version."""


class DuplicateArticle(StoreError):
    """The URL is already tracked; `article_id` names the existing article."""

    def __init__(self, url: str, article_id: int) -> None:
        super().__init__(f"{url} is already tracked as article {article_id}")
        self.article_id = article_id


class VersionSource(enum.StrEnum):
    FETCH = "fetch"
    IMPORT = "import"


class VersionNotice(enum.StrEnum):
    """Something a reviewer must be told about how a version was read (its JSON flag)."""

    # The page declared a character set its bytes are not valid in; the invalid bytes
    # were shown as U+FFFD, as a browser shows them.
    CHARSET_MISMATCH = "charset_mismatch"
    # The text holds bidirectional controls or other invisible characters, which are
    # shown as visible markers wherever the text is displayed or exported.
    HIDDEN_CHARACTERS = "hidden_characters"


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    url: str
    title: str
    added_at: datetime
    active: bool
    stopped_reason: str | None
    etag: str | None
    last_modified: str | None
    check_interval: float
    next_check_at: datetime | None
    failure_count: int
    last_checked_at: datetime | None
    last_error: str | None
    last_changed_at: datetime | None
    unread_changes: int
    version_count: int
    # Why the latest version looks like a broken page ("" if no reason was given);
    # None when it looks fine or there is none. Read with the article so the
    # sidebar never has to load a whole version for its warning icon.
    latest_suspect: str | None = None


@dataclass(frozen=True, slots=True)
class Capture:
    """One successful read of a page, ready to be stored if its text is new."""

    raw: bytes
    document: Document
    extractor: str
    extractor_version: str
    captured_at: datetime
    source: VersionSource
    encoding: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    notices: frozenset[VersionNotice] = frozenset()
    # Builds the capture's WARC file (records gzipped): called only when the capture
    # becomes a new version, so an unchanged check costs nothing. None: no records.
    warc_records: Callable[[], bytes] | None = None


@dataclass(frozen=True, slots=True)
class StoredVersion:
    id: int
    article_id: int
    number: int
    captured_at: datetime
    source: VersionSource
    final_url: str | None
    http_status: int | None
    etag: str | None
    last_modified: str | None
    sha256: str
    raw_size: int
    encoding: str | None
    document: Document
    content_hash: str
    extractor: str
    extractor_version: str
    returns_to: int | None
    suspect_extraction: bool
    suspect_reason: str | None
    notices: tuple[VersionNotice, ...] = ()

    @property
    def flags(self) -> list[str]:
        flags = []
        if self.returns_to is not None:
            flags.append(f"returns_to_version_{self.returns_to}")
        if self.suspect_extraction:
            flags.append("suspect_extraction")
        flags.extend(notice.value for notice in self.notices)
        return flags


class CaptureOutcome(enum.StrEnum):
    NEW_VERSION = "new_version"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class CaptureResult:
    outcome: CaptureOutcome
    version: StoredVersion  # the new version, or the latest one the capture matched


@dataclass(frozen=True, slots=True)
class CheckRecord:
    id: int
    article_id: int
    started_at: datetime
    duration: float
    http_status: int | None
    outcome: str
    error: str | None
    version_id: int | None
    # Why a check that read a changed page stored no new version (core/unchanged.py).
    detail: str | None
