"""Files that are not pages are named from their first bytes; pages and text never are."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import tarfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.core.capture import CaptureService, ImportRefused
from newsdiff_gui.core.fetch import Fetcher, FetchOutcome, FetchRequest
from newsdiff_gui.core.fetch.content import (
    binary_kind,
    is_binary,
    looks_like_html,
    not_html_message,
)
from newsdiff_gui.core.sniff import NotAPage, ensure_page, identify
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import article_page
from tests.support.timing import PATIENT

T0 = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
TEXT_LIKE_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"BT /F1 12 Tf 72 712 Td (Storm batters coastal towns overnight) Tj ET\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _zip(*members: tuple[str, bytes], stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(members):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


def _office(folder: str) -> bytes:
    return _zip(("[Content_Types].xml", b"<Types/>"), (f"{folder}/document.xml", b"<x/>"))


def _open_document(media: str) -> bytes:
    return _zip(("mimetype", media.encode()), ("content.xml", b"<x/>"), stored_first=True)


def _tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("page.html")
        content = article_page().encode()
        info.size = len(content)
        archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


PAD = b"\x00" * 64
SAMPLES: dict[str, tuple[bytes, str]] = {
    "pdf": (TEXT_LIKE_PDF, "a PDF document"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + PAD, "a PNG image"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + PAD, "a JPEG image"),
    "gif": (b"GIF89a\x01\x00\x01\x00" + PAD, "a GIF image"),
    "webp": (b"RIFF\x24\x00\x00\x00WEBPVP8 " + PAD, "a WebP image"),
    "tiff": (b"II*\x00\x08\x00\x00\x00" + PAD, "a TIFF image"),
    "ico": (b"\x00\x00\x01\x00\x01\x00\x10\x10" + PAD, "an icon (ICO) image"),
    "bmp": (b"BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00" + PAD, "a BMP image"),
    "zip": (_zip(("notes.txt", b"hello")), "a ZIP archive"),
    "docx": (_office("word"), "a Word document (.docx)"),
    "xlsx": (_office("xl"), "an Excel workbook (.xlsx)"),
    "pptx": (_office("ppt"), "a PowerPoint presentation (.pptx)"),
    "odt": (
        _open_document("application/vnd.oasis.opendocument.text"),
        "an OpenDocument text document (.odt)",
    ),
    "epub": (_open_document("application/epub+zip"), "an EPUB e-book"),
    "gzip": (gzip.compress(article_page().encode()), "a gzip-compressed file"),
    "bzip2": (bz2.compress(article_page().encode()), "a bzip2-compressed file"),
    "xz": (lzma.compress(article_page().encode()), "an xz-compressed file"),
    "7z": (b"7z\xbc\xaf\x27\x1c\x00\x04" + PAD, "a 7-Zip archive"),
    "rar": (b"Rar!\x1a\x07\x01\x00" + PAD, "a RAR archive"),
    "tar": (_tar(), "a tar archive"),
    "sqlite": (b"SQLite format 3\x00\x10\x00\x02\x02" + PAD, "an SQLite database"),
    "elf": (b"\x7fELF\x02\x01\x01\x00" + PAD, "an executable program (ELF)"),
    "pe": (b"MZ\x90\x00\x03\x00\x00\x00" + PAD, "an executable program (Windows)"),
    "macho": (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + PAD, "an executable program (Mach-O)"),
    "mp3": (b"ID3\x03\x00\x00\x00\x00\x0f\x76" + PAD, "an MP3 audio file"),
    "mp3-frame": (b"\xff\xfb\x90\x64" + PAD, "an MP3 audio file"),
    "mp4": (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + PAD, "an MPEG-4 video"),
    "ogg": (b"OggS\x00\x02\x00\x00" + PAD, "an Ogg audio or video file"),
    "webm": (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + PAD, "a WebM video"),
    "woff": (b"wOFF\x00\x01\x00\x00" + PAD, "a web font (WOFF)"),
    "woff2": (b"wOF2\x00\x01\x00\x00" + PAD, "a web font (WOFF2)"),
    "ttf": (b"\x00\x01\x00\x00\x00\x10\x01\x00" + PAD, "a font (TrueType)"),
    "rtf": (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Storm}", "an RTF document"),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + PAD, "a legacy Microsoft Office document"),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_format_is_named(name: str) -> None:
    data, kind = SAMPLES[name]
    assert (identify(data) or "").startswith(kind)
    with pytest.raises(NotAPage, match=f"^this is {re.escape(kind)}.*, not a web page$"):
        ensure_page(data)


PAGES_AND_TEXT = [
    article_page().encode(),
    b"\xef\xbb\xbf<!DOCTYPE html><html><body><p>Hello</p></body></html>",
    "<html><body><p>Hello</p></body></html>".encode("utf-16"),  # BOM \xff\xfe
    "<html><body><p>Hello</p></body></html>".encode("utf-16-be"),
    b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    b"  \n\n<p>A fragment saved without its head.</p>",
    b'{"title": "Storm", "paragraphs": ["Seven people died."]}',
    b"BMW recalls 40,000 cars.\n\nThe company said ...",
    b"MZ Wallace opened a store.",
    b"ID3 tags hold the artist's name.",
    b"BZh9 is a compression level.",
    b"OTTO von Bismarck, 1871.",
    b"PK is a common abbreviation.",
    b"RIFF raffle tonight",
    b"GIF is pronounced either way.",
    b"The file begins with %PDF-1.4 and then objects.",
    b"",
]


@pytest.mark.parametrize("data", PAGES_AND_TEXT, ids=range(len(PAGES_AND_TEXT)))
def test_pages_and_text_are_never_named(data: bytes) -> None:
    assert identify(data) is None
    ensure_page(data)


def test_refusal_names_what_was_expected() -> None:
    with pytest.raises(NotAPage) as refused:
        ensure_page(TEXT_LIKE_PDF, expected="a text file")
    assert str(refused.value) == "this is a PDF document, not a text file"
    assert refused.value.kind == "a PDF document"


def test_truncated_zip_is_still_named_and_nothing_is_decompressed() -> None:
    archive = _office("word")
    assert identify(archive[:100]) == "a ZIP archive"  # the directory at the end is cut off
    bomb = _zip(("huge.html", b"<p>" + b"a" * 50_000_000))
    assert identify(bomb) == "a ZIP archive"


# -- the fetcher's body check -----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (TEXT_LIKE_PDF, "a PDF document"),
        # A ZIP whose member names put "<html" in the first bytes: not a page either.
        (_zip(("<html>.html", b"<html><p>x</p></html>")), "a ZIP archive"),
        (_office("word"), "a Word document (.docx)"),
    ],
)
def test_a_server_labelling_a_file_text_html_is_refused_with_its_type(
    httpserver: HTTPServer, body: bytes, kind: str
) -> None:
    httpserver.expect_request("/story").respond_with_data(body, content_type="text/html")
    with Fetcher(PATIENT) as fetcher:
        result = fetcher.fetch(FetchRequest(httpserver.url_for("/story")))
    assert result.outcome is FetchOutcome.NOT_HTML and result.body is None
    assert result.error == f"Not an HTML page ({kind}, sent as text/html)"
    assert binary_kind(body) == kind
    assert not_html_message(body, "text/html; charset=utf-8") == (
        f"Not an HTML page ({kind}, sent as text/html)"
    )


def test_body_check_keeps_pages_and_names_other_binary_data() -> None:
    assert binary_kind(article_page().encode()) is None
    assert binary_kind("<html><p>é</p></html>".encode("utf-16")) == "binary data"
    assert not looks_like_html(_zip(("a.html", b"<html>")))
    assert looks_like_html(article_page().encode())
    assert is_binary(TEXT_LIKE_PDF)


def test_the_capture_engine_refuses_to_import_a_file_that_is_not_a_page(tmp_path: Path) -> None:
    # The app's import goes straight to the capture engine, not through the CLI's reader.
    with VersionStore.open(tmp_path / "s.sqlite3") as store:
        service = CaptureService(store)
        with pytest.raises(ImportRefused, match=r"^this is a PDF document, not a web page$"):
            service.import_page("https://courier.example/storm", TEXT_LIKE_PDF, T0)
        assert store.list_articles() == []
