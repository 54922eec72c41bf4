"""Naming files that are not web pages from their first bytes, before anything parses them.

A PDF, an image or an archive handed to the HTML parser does not fail: lxml reads
whatever text it finds, so "%PDF-1.4 … obj … endobj" would be stored as an article.
Every path that reads bytes as a page (import, extract, diff inputs, the fetcher's
body check, the app's dialogs) asks `identify()` first and refuses what it names.

A hand-written table rather than `puremagic` or `filetype`: what we need is a short
deny-list with readable names, and it must never name a real page. puremagic ranks
guesses that include HTML, XML and JSON ("UTF8 file"), calls any ZIP a .docx, and its
releases for Python 3.11 stopped at 1.x; filetype has had no release since 2022 and
misses ELF and Mach-O. Every signature below either has bytes no text starts with
(NUL, 0x80+ in fixed places) or is a text prefix no page or paragraph begins with
("%PDF-", "{\\rtf"), and the tests check each one against HTML, text and JSON.
"""

from __future__ import annotations

import io
import zipfile

# (prefix at offset 0, what it is). Order matters only where one prefix extends another.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"%!PS", "a PostScript document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon (ICO) image"),
    (b"\x00\x00\x02\x00", "a cursor (CUR) image"),
    (b"8BPS", "a Photoshop image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office document (.doc/.xls/.ppt)"),
    (b"\x7fELF", "an executable program (ELF)"),
    (b"\xfe\xed\xfa\xce", "an executable program (Mach-O)"),
    (b"\xfe\xed\xfa\xcf", "an executable program (Mach-O)"),
    (b"\xce\xfa\xed\xfe", "an executable program (Mach-O)"),
    (b"\xcf\xfa\xed\xfe", "an executable program (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "an executable program (Mach-O universal binary or Java class)"),
    (b"\x00asm", "a WebAssembly module"),
    # MPEG audio frames without an ID3 tag. Not \xff\xfe: that is the UTF-16 byte order
    # mark, which a saved page may legitimately start with.
    (b"\xff\xfb", "an MP3 audio file"),
    (b"\xff\xf3", "an MP3 audio file"),
    (b"\xff\xf2", "an MP3 audio file"),
    (b"\xff\xfa", "an MP3 audio file"),
    (b"OggS\x00", "an Ogg audio or video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a web font (WOFF)"),
    (b"wOF2", "a web font (WOFF2)"),
    (b"\x00\x01\x00\x00\x00", "a font (TrueType)"),
    (b"OTTO\x00", "a font (OpenType)"),
    (b"ttcf\x00", "a font collection (TrueType)"),
)

_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
_ISO_MEDIA_BRANDS = {
    b"heic": "a HEIC image",
    b"heix": "a HEIC image",
    b"mif1": "a HEIF image",
    b"avif": "an AVIF image",
    b"qt  ": "a QuickTime video",
    b"M4A ": "an MPEG-4 audio file",
}
_OPEN_DOCUMENT = {
    "application/epub+zip": "an EPUB e-book",
    "application/vnd.oasis.opendocument.text": "an OpenDocument text document (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
}
_OFFICE_FOLDERS = (
    ("word/", "a Word document (.docx)"),
    ("xl/", "an Excel workbook (.xlsx)"),
    ("ppt/", "a PowerPoint presentation (.pptx)"),
)
# A tar header holds "ustar" at byte 257 (POSIX "ustar\0", GNU "ustar  \0").
_TAR_MAGIC_OFFSET = 257


class NotAPage(ValueError):
    """The bytes are a known non-page format; the message names it."""

    def __init__(self, kind: str, expected: str = "a web page") -> None:
        super().__init__(f"this is {kind}, not {expected}")
        self.kind = kind


def identify(data: bytes) -> str | None:
    """What the bytes are ("a PDF document"), or None when they may be a page or text."""
    head = data[:512]
    for prefix, kind in _PREFIXES:
        if head.startswith(prefix):
            return kind
    return (
        _riff(head)
        or _iso_media(head)
        or _matroska(head)
        or _id3(head)
        or _bzip2(head)
        or _windows_program(head)
        or _bitmap(head)
        or _tar(head)
        or _zip(data)
    )


def ensure_page(data: bytes, expected: str = "a web page") -> None:
    """NotAPage if the bytes are a known file type other than a page or text."""
    kind = identify(data)
    if kind is not None:
        raise NotAPage(kind, expected)


def _riff(head: bytes) -> str | None:
    if head.startswith(b"RIFF") and len(head) >= 12:
        return _RIFF_KINDS.get(head[8:12])
    return None


def _iso_media(head: bytes) -> str | None:
    # ISO base media (MP4, MOV, HEIC): a 4-byte box size, then "ftyp" and the brand.
    if head[4:8] != b"ftyp":
        return None
    return _ISO_MEDIA_BRANDS.get(head[8:12], "an MPEG-4 video")


def _matroska(head: bytes) -> str | None:
    if not head.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    return "a WebM video" if b"webm" in head[:64] else "a Matroska video"


def _id3(head: bytes) -> str | None:
    # "ID3" alone could begin a sentence; the version bytes after it never appear in text.
    if head.startswith(b"ID3") and len(head) >= 5 and head[3] in (2, 3, 4) and head[4] == 0:
        return "an MP3 audio file"
    return None


def _bzip2(head: bytes) -> str | None:
    # "BZh9" could begin a word; the block magic after it cannot.
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in (b"1AY&SY", b"\x17rE8P\x90"):
        return "a bzip2-compressed file"
    return None


def _windows_program(head: bytes) -> str | None:
    # "MZ" could begin a word; a DOS header has NUL bytes right after it.
    if head.startswith(b"MZ") and b"\x00" in head[2:64]:
        return "an executable program (Windows)"
    return None


def _bitmap(head: bytes) -> str | None:
    # "BM" could begin a word; the four reserved bytes after the size are zero.
    if head.startswith(b"BM") and head[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image"
    return None


def _tar(head: bytes) -> str | None:
    if head[_TAR_MAGIC_OFFSET : _TAR_MAGIC_OFFSET + 5] == b"ustar":
        return "a tar archive"
    return None


def _zip(data: bytes) -> str | None:
    if data[:4] not in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return None
    # OpenDocument and EPUB store their media type uncompressed as the first entry,
    # so it can be read from the local header without the archive's directory.
    media = _stored_mimetype(data)
    if media in _OPEN_DOCUMENT:
        return _OPEN_DOCUMENT[media]
    try:
        # Only the central directory is read: no member is decompressed.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return "a ZIP archive"
    if "[Content_Types].xml" in names:
        for folder, kind in _OFFICE_FOLDERS:
            if any(name.startswith(folder) for name in names):
                return kind
        return "a Microsoft Office document"
    return "a ZIP archive"


def _stored_mimetype(data: bytes) -> str:
    """The first member's text if it is named "mimetype" (OpenDocument, EPUB), else ""."""
    name_length = int.from_bytes(data[26:28], "little")
    extra_length = int.from_bytes(data[28:30], "little")
    size = int.from_bytes(data[18:22], "little")
    if data[30 : 30 + name_length] != b"mimetype" or size > 200:
        return ""
    start = 30 + name_length + extra_length
    return data[start : start + size].decode("ascii", "replace").strip()
