"""core/sources: every kind of input becomes a document with its provenance, by one
set of rules: the fetcher's size cap, worded refusals, extraction in the child process."""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService
from newsdiff_gui.core.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION
from newsdiff_gui.core.fetch import FetchLimits
from newsdiff_gui.core.report.provenance import version_source
from newsdiff_gui.core.sources import (
    MAX_PAGE_BYTES,
    SavedFile,
    SourceError,
    SourceLoader,
    StoredVersionRef,
    WebAddress,
    parse_source,
    read_page_file,
)
from newsdiff_gui.core.store import VersionStore
from tests.core.test_sniff import TEXT_LIKE_PDF
from tests.support.pages import STORM, STORM_TITLE, article_page

T0 = datetime(2026, 3, 3, 11, 0, tzinfo=UTC)
EXTRACTOR = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"


@pytest.fixture
def no_extraction_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction in this process fails the test: pages must go to the child process."""

    def refuse(*_args: object) -> None:
        raise AssertionError("a page was extracted in the caller's process")

    # Every extraction in this process parses the page first (a name looked up per call).
    monkeypatch.setattr("newsdiff_gui.core.extract.api.parse_page", refuse)


@pytest.fixture
def loader(tmp_path: Path) -> Iterator[SourceLoader]:
    with SourceLoader(tmp_path / "store.sqlite3") as opened:
        yield opened


def extractor_children() -> list[str]:
    return [p.name for p in multiprocessing.active_children() if p.name == "newsdiff-extractor"]


# -- naming an input -------------------------------------------------------------------


def test_arguments_name_stored_versions_and_files(tmp_path: Path) -> None:
    assert parse_source("12@3") == StoredVersionRef(12, 3)
    assert parse_source(" 12@3 ") == StoredVersionRef(12, 3)
    for name in ("a.html", "a.htm", "a.html.gz", "a.HTM.gz", "a.json", "a.txt"):
        assert parse_source(str(tmp_path / name)) == SavedFile(tmp_path / name)
    with pytest.raises(SourceError) as bad_ref:
        parse_source("12@x")
    assert str(bad_ref.value) == "expected ARTICLE_ID@VERSION (e.g. 12@3), got '12@x'"
    with pytest.raises(SourceError, match=r"a.pdf: expected a .html, .htm, .json or .txt file"):
        parse_source("a.pdf")


def test_a_file_named_like_a_version_is_read_as_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1@2").write_text("x", encoding="utf-8")
    with pytest.raises(SourceError, match=r"expected a \.html"):
        parse_source("1@2")


# -- saved files -----------------------------------------------------------------------


@pytest.mark.usefixtures("no_extraction_here")
def test_a_saved_page_is_extracted_in_the_child_process(
    loader: SourceLoader, tmp_path: Path
) -> None:
    page = tmp_path / "storm.html"
    raw = article_page().encode("utf-8")
    page.write_bytes(raw)
    loaded = loader.load(SavedFile(page))
    assert loaded.document.title == STORM_TITLE and loaded.document.paragraphs == STORM
    assert extractor_children() == ["newsdiff-extractor"]  # started on first use, kept
    info = loaded.provenance
    assert info.label == "Saved page storm.html" and info.source == "file"
    assert info.sha256 == hashlib.sha256(raw).hexdigest() and info.size == len(raw)
    assert info.url == str(page.resolve()) and info.extractor == EXTRACTOR
    assert loaded.article is None and loaded.article_url is None
    # A gzip file (saved by curl without --compressed) is the same page.
    zipped = tmp_path / "storm.html.gz"
    zipped.write_bytes(gzip.compress(raw))
    again = loader.load(SavedFile(zipped))
    assert again.document == loaded.document and again.provenance.sha256 == info.sha256
    loader.close()
    assert extractor_children() == []


def test_text_and_json_files_need_no_extraction(loader: SourceLoader, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_bytes(b"\xef\xbb\xbfFirst line\nsame paragraph.\r\n\r\n  \nSecond.\n")
    loaded = loader.load(SavedFile(text))
    assert loaded.document.title == ""
    assert loaded.document.paragraphs == ("First line same paragraph.", "Second.")
    assert loaded.provenance.label == "File notes.txt" and loaded.provenance.extractor is None
    document = tmp_path / "doc.json"
    document.write_text(json.dumps({"title": "T", "paragraphs": ["a", "b"]}), encoding="utf-8")
    assert loader.load(SavedFile(document)).document.paragraphs == ("a", "b")
    assert extractor_children() == []


def test_the_cap_is_the_fetchers(tmp_path: Path) -> None:
    assert MAX_PAGE_BYTES == FetchLimits().max_bytes == 15 * 1024 * 1024
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b" " * (MAX_PAGE_BYTES + 1)))
    with pytest.raises(SourceError) as refused:
        read_page_file(bomb)
    assert str(refused.value) == f"{bomb}: file too large (over 15 MB; refusing)"
    assert refused.value.subject == str(bomb)  # the input, and what is wrong with it
    assert refused.value.reason == "file too large (over 15 MB; refusing)"
    small = tmp_path / "small.txt"
    small.write_text("x" * 2048, encoding="utf-8")
    with pytest.raises(SourceError, match="file too large"):
        read_page_file(small, limit=1024)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.html", None, "{path}: no such file"),
        ("paper.html", TEXT_LIKE_PDF, "{path}: this is a PDF document, not a web page"),
        ("paper.json", TEXT_LIKE_PDF, "{path}: this is a PDF document, not a JSON file"),
        ("broken.html.gz", b"\x1f\x8bnot really gzip", "{path}: corrupt gzip file"),
        ("latin.txt", "café".encode("latin-1"), "{path}: not UTF-8 text (byte 3)"),
        ("bad.json", b'{"title": ', "{path}: not valid JSON (Expecting value, line 1)"),
        ("list.json", b'{"paragraphs": "x"}', "{path}: 'paragraphs' must be a list of strings"),
        ("empty.html", b"<html><body><nav>Home</nav></body></html>", "{path}: "),
    ],
)
def test_files_that_cannot_be_loaded_are_named_in_one_line(
    loader: SourceLoader, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SourceError) as refused:
        loader.load(SavedFile(path))
    text = str(refused.value)
    assert text.startswith(message.format(path=path)) and "\n" not in text


def test_a_folder_is_not_a_file(loader: SourceLoader, tmp_path: Path) -> None:
    folder = tmp_path / "pages.html"
    folder.mkdir()
    with pytest.raises(SourceError, match="is a directory"):
        loader.load(SavedFile(folder))


# -- stored versions -------------------------------------------------------------------


def test_a_stored_version_comes_with_its_article_and_provenance(tmp_path: Path) -> None:
    database = tmp_path / "store.sqlite3"
    url = "https://courier.example/storm"
    with VersionStore.open(database) as store:
        CaptureService(store).import_page(url, article_page().encode(), T0)
        version = store.get_version(1, 1)
    with SourceLoader(database) as loader:
        loaded = loader.load(StoredVersionRef(1, 1))
        assert loaded.document == version.document
        assert loaded.provenance == version_source(version)
        assert loaded.article is not None and loaded.article.url == url
        assert loaded.version == version and loaded.article_url == url
        with pytest.raises(SourceError, match=r"^1@7: "):
            loader.load(StoredVersionRef(1, 7))
        with pytest.raises(SourceError, match=r"^9@1: "):
            loader.load(StoredVersionRef(9, 1))


def test_stored_versions_need_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    with SourceLoader(missing) as loader, pytest.raises(SourceError, match="no newsdiff database"):
        loader.load(StoredVersionRef(1, 1))
    assert not missing.exists()  # reading never creates a store
    with SourceLoader() as loader, pytest.raises(SourceError, match="no store"):
        loader.load(StoredVersionRef(1, 1))


# -- addresses -------------------------------------------------------------------------


@pytest.mark.usefixtures("no_extraction_here")
def test_an_address_is_fetched_and_extracted_in_the_child_process(
    loader: SourceLoader, httpserver: HTTPServer
) -> None:
    body = article_page().encode("utf-8")
    httpserver.expect_request("/storm").respond_with_data(body, content_type="text/html")
    url = httpserver.url_for("/storm")
    loaded = loader.load(WebAddress(url))
    assert loaded.document.paragraphs == STORM
    assert extractor_children() == ["newsdiff-extractor"]
    info = loaded.provenance
    assert info.label == f"{url} (fetched now)" and info.source == "url"
    assert info.http_status == 200 and info.url == url and info.extractor == EXTRACTOR
    assert info.sha256 == hashlib.sha256(body).hexdigest() and info.size == len(body)
    assert info.captured_at is not None and info.captured_at.tzinfo is not None
    assert loaded.article_url == url


def test_addresses_that_give_no_article_are_worded(
    loader: SourceLoader, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/paper").respond_with_data(
        TEXT_LIKE_PDF, content_type="application/pdf"
    )
    gone = httpserver.url_for("/gone")
    with pytest.raises(SourceError) as failed:
        loader.load(WebAddress(gone))
    assert str(failed.value) == f"{gone}: could not be fetched (HTTP 404 Not Found)"
    with pytest.raises(SourceError, match="could not be fetched"):
        loader.load(WebAddress(httpserver.url_for("/paper")))
    with pytest.raises(SourceError, match=r"^ftp://example.org/a: "):
        loader.load(WebAddress("ftp://example.org/a"))
    # The address rules hold here too: never a link-local address.
    with pytest.raises(SourceError, match="is a link-local address"):
        loader.load(WebAddress("http://169.254.169.254/latest/meta-data"))
