"""What can be compared, and what loading it gives: a document with its provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.report.model import SourceInfo
from newsdiff_gui.core.store.models import Article, StoredVersion


class SourceError(ValueError):
    """An input that cannot be loaded, said in one line naming it (a missing or
    oversized file, a PDF, no article in the page, an address that did not answer).
    The user can fix it; a bug raises something else.

    `reason` says what is wrong ("this is a PDF document, not a web page"), `subject`
    names the input (a path, an address, `12@3`); the message is "subject: reason".
    """

    def __init__(self, reason: str, subject: object = None) -> None:
        self.reason = reason
        self.subject = None if subject is None else str(subject)
        super().__init__(reason if self.subject is None else f"{self.subject}: {reason}")


@dataclass(frozen=True, slots=True)
class StoredVersionRef:
    """`ARTICLE_ID@VERSION`: a version of a tracked article, read from the store."""

    article_id: int
    number: int

    def __str__(self) -> str:
        return f"{self.article_id}@{self.number}"

    @classmethod
    def parse(cls, text: str) -> StoredVersionRef | None:
        """'12@3' → article 12, version 3; None when `text` is not of that form."""
        match = _VERSION_REF.match(text.strip())
        return cls(int(match.group(1)), int(match.group(2))) if match else None


_VERSION_REF = re.compile(r"^(\d+)@(\d+)$")


@dataclass(frozen=True, slots=True)
class SavedFile:
    """A file on disk: a saved page (.html, .htm, any of them .gz), a text file with
    blank-line paragraphs (.txt) or a document (.json `{"title", "paragraphs"}`)."""

    path: Path

    def __str__(self) -> str:
        return str(self.path)


@dataclass(frozen=True, slots=True)
class WebAddress:
    """An http(s) address, fetched now."""

    url: str

    def __str__(self) -> str:
        return self.url


SourceRef = StoredVersionRef | SavedFile | WebAddress


@dataclass(frozen=True, slots=True)
class LoadedSource:
    """One side of a comparison: the document, and where it came from.

    `article_url` is the article's address when the input has one (a stored
    version's article, a fetched address); `article` and `version` are set for a
    stored version only (notes are kept on comparisons of stored versions).
    """

    document: Document
    provenance: SourceInfo
    article_url: str | None = None
    article: Article | None = None
    version: StoredVersion | None = None
