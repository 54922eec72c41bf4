"""Any input → a document with its provenance, by one set of rules.

A stored version is read from the store; a saved page and a fetched address go
through the extractor child process (core/extract/isolated.py: a hostile page is cut
off after its timeout, and the caller's process never runs the extractor); an address
is fetched with the fetcher's validation and limits. Every user-caused failure is a
`SourceError` in one line naming the input.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract.errors import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractionError
from newsdiff_gui.core.extract.isolated import IsolatedExtractor
from newsdiff_gui.core.report.model import SourceInfo
from newsdiff_gui.core.report.provenance import version_source
from newsdiff_gui.core.sources.files import (
    TEXT_EXPECTED,
    is_page_name,
    json_document,
    read_page_file,
    text_document,
)
from newsdiff_gui.core.sources.model import (
    LoadedSource,
    SavedFile,
    SourceError,
    SourceRef,
    StoredVersionRef,
)
from newsdiff_gui.core.store import NotFound, StoreError, VersionStore
from newsdiff_gui.core.store.address import StoreAddress
from newsdiff_gui.core.urls import InvalidURL, validate_article_url

if TYPE_CHECKING:
    from newsdiff_gui.core.fetch import Fetcher

_EXTRACTOR = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"


def parse_source(spec: str) -> SourceRef:
    """A command-line argument: `ARTICLE_ID@VERSION` (unless a file has that name),
    or a .html/.htm(.gz), .json or .txt file."""
    path = Path(spec)
    stored = StoredVersionRef.parse(spec)
    if stored is not None and not path.exists():
        return stored
    if is_page_name(path) or path.name.lower().endswith((".json", ".txt")):
        return SavedFile(path)
    if not path.exists() and "@" in spec:
        raise SourceError(f"expected ARTICLE_ID@VERSION (e.g. 12@3), got {spec!r}")
    raise SourceError("expected a .html, .htm, .json or .txt file, or ARTICLE_ID@VERSION", spec)


class SourceLoader:
    """Loads inputs one at a time (one caller at a time); close it when done.

    `database` is the store stored versions are read from, opened read-only for each
    read by the loading thread (each thread its own connection). The extractor child
    is started on first use and reused until `close`; `cancel` stops a fetch or an
    extraction in progress (the app is quitting).
    """

    def __init__(
        self,
        database: Path | StoreAddress | None = None,
        *,
        cancel: threading.Event | None = None,
        fetcher_factory: Callable[[], Fetcher] | None = None,
    ) -> None:
        self._database = database
        self._cancel = cancel or threading.Event()
        self._fetcher_factory = fetcher_factory
        self._extractor: IsolatedExtractor | None = None

    def load(self, source: SourceRef) -> LoadedSource:
        if isinstance(source, StoredVersionRef):
            return self._stored(source)
        if isinstance(source, SavedFile):
            return self._file(source.path)
        return self._address(source.url)

    # -- stored versions -----------------------------------------------------------

    def _stored(self, ref: StoredVersionRef) -> LoadedSource:
        if self._database is None:
            raise SourceError("no store to read stored versions from")
        try:
            # Opened for this read only: a connection belongs to the thread that made it,
            # and the app's pool runs the next load on whichever thread is free.
            with VersionStore.open(self._database, read_only=True) as store:
                article = store.get_article(ref.article_id)
                version = store.get_version(ref.article_id, ref.number)
        except NotFound as exc:
            raise SourceError(str(exc), ref) from exc
        except StoreError as exc:  # a missing, damaged or foreign store: its own words
            raise SourceError(str(exc)) from exc
        return LoadedSource(
            version.document,
            version_source(version),
            article_url=article.url,
            article=article,
            version=version,
        )

    # -- files ---------------------------------------------------------------------

    def _file(self, path: Path) -> LoadedSource:
        if not is_page_name(path):
            suffix = ".json" if path.name.lower().endswith(".json") else ".txt"
            raw = read_page_file(path, expected=TEXT_EXPECTED[suffix])
            parse = json_document if suffix == ".json" else text_document
            return LoadedSource(parse(path, raw), _file_info(path, f"File {path.name}", raw, None))
        # The hash and size are of the page as read (a .gz file's decompressed bytes).
        raw = read_page_file(path)
        document = self._extract(decode_html(raw).text, None, str(path))
        return LoadedSource(document, _file_info(path, f"Saved page {path.name}", raw, _EXTRACTOR))

    def _extract(self, text: str, url: str | None, name: str) -> Document:
        if self._extractor is None:
            self._extractor = IsolatedExtractor(self._cancel)
        try:
            return self._extractor.extract(text, url)
        except ExtractionError as exc:
            raise SourceError(str(exc), name) from exc
        except RuntimeError as exc:  # the child crashed or ran past its timeout
            raise SourceError(f"the page could not be read ({exc})", name) from exc

    # -- addresses -----------------------------------------------------------------

    def _address(self, address: str) -> LoadedSource:
        # Imported here: the HTTP layer is only needed on this path.
        from newsdiff_gui.core.fetch import Fetcher, FetchOutcome, FetchRequest

        try:
            url = validate_article_url(address)
        except InvalidURL as exc:
            raise SourceError(str(exc), address) from exc
        with (self._fetcher_factory or Fetcher)() as fetcher:
            result = fetcher.fetch(FetchRequest(url), cancel=self._cancel)
        if result.outcome is not FetchOutcome.OK or result.text is None:
            raise SourceError(f"could not be fetched ({result.error or result.outcome})", url)
        final_url = result.final_url or url
        document = self._extract(result.text, final_url, url)
        body = result.body or b""
        info = SourceInfo(
            label=f"{url} (fetched now)",
            captured_at=result.started_at,
            sha256=hashlib.sha256(body).hexdigest(),
            size=len(body),
            http_status=result.status,
            url=final_url,
            source="url",
            extractor=_EXTRACTOR,
        )
        return LoadedSource(document, info, article_url=url)

    def close(self) -> None:
        if self._extractor is not None:
            self._extractor.close()
        self._extractor = None

    def __enter__(self) -> SourceLoader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _file_info(path: Path, label: str, raw: bytes, extractor: str | None) -> SourceInfo:
    return SourceInfo(
        label=label,
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
        url=str(path.resolve()),
        source="file",
        extractor=extractor,
    )
