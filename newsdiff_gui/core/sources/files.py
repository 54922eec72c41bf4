"""Saved files: read with the fetcher's size cap, checked by their first bytes, parsed.

What was read is checked by its first bytes (after decompression): a PDF, an image or
an archive is refused with its type named instead of being parsed as a page.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from pathlib import Path

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.fetch.result import FetchLimits
from newsdiff_gui.core.sniff import NotAPage, ensure_page
from newsdiff_gui.core.sources.model import SourceError

# The same ceiling the fetcher applies to a downloaded page; beyond it a "page" is a
# mistake or an attack (a gzip bomb decompresses to gigabytes).
MAX_PAGE_BYTES = FetchLimits().max_bytes
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
_GZIP_MAGIC = b"\x1f\x8b"
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")


def read_page_file(path: Path, limit: int = MAX_PAGE_BYTES, expected: str = "a web page") -> bytes:
    """The file's bytes (gunzipped), or SourceError naming the file and the problem.

    A gzip file is decompressed whatever its name (a page saved by `curl` without
    `--compressed` is gzip under a .html name); `expected` words the refusal of a
    file that is something else ("this is a PDF document, not a web page").
    """
    data = _read(path, limit)
    if len(data) > limit:
        raise SourceError(f"file too large (over {limit // (1024 * 1024)} MB; refusing)", path)
    try:
        ensure_page(data, expected)
    except NotAPage as exc:
        raise SourceError(str(exc), path) from exc
    return data


def _read(path: Path, limit: int) -> bytes:
    try:
        if path.name.lower().endswith(".gz") or _starts_with(path, _GZIP_MAGIC):
            with gzip.open(path, "rb") as stream:
                # One byte past the cap is the only way to know a stream is too
                # large without decompressing all of it.
                data = stream.read(limit + 1)
        else:
            with path.open("rb") as stream:
                data = stream.read(limit + 1)
    except FileNotFoundError as exc:
        raise SourceError("no such file", path) from exc
    except IsADirectoryError as exc:
        raise SourceError("is a directory", path) from exc
    except PermissionError as exc:
        raise SourceError("permission denied", path) from exc
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise SourceError(f"corrupt gzip file ({exc})", path) from exc
    except OSError as exc:
        raise SourceError(f"cannot read the file ({exc.strerror or exc})", path) from exc
    return data


def _starts_with(path: Path, magic: bytes) -> bool:
    # Errors are left to the real read, which words them.
    try:
        with path.open("rb") as stream:
            return stream.read(len(magic)) == magic
    except OSError:
        return False


def is_page_name(path: Path) -> bool:
    return path.name.lower().endswith(HTML_SUFFIXES)


TEXT_EXPECTED = {".json": "a JSON file", ".txt": "a text file"}


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"not UTF-8 text (byte {exc.start})", path) from exc


def json_document(path: Path, data: bytes) -> Document:
    """A `.json` file's bytes `{"title": str, "paragraphs": [str]}` (other document
    fields such as "byline" are accepted)."""
    try:
        parsed = json.loads(_text(path, data))
    except json.JSONDecodeError as exc:
        raise SourceError(f"not valid JSON ({exc.msg}, line {exc.lineno})", path) from exc
    try:
        return Document.from_json_dict(parsed)
    except ValueError as exc:
        raise SourceError(str(exc), path) from exc


def text_document(path: Path, data: bytes) -> Document:
    """A `.txt` file's bytes: paragraphs separated by blank lines, no title (""), so a
    plain text file compares body against body. Line breaks in a paragraph are spaces."""
    text = _text(path, data).replace("\r\n", "\n").replace("\r", "\n")
    blocks = (" ".join(block.split("\n")).strip() for block in _BLANK_LINES.split(text))
    return Document(title="", paragraphs=tuple(block for block in blocks if block))
