"""Reading saved files (.html, .htm, .txt, .json, any of them .gz) with a size cap.

What was read is checked by its first bytes (after decompression): a PDF, an image or
an archive is refused with its type named instead of being parsed as a page.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.sniff import NotAPage, ensure_page

# The same ceiling the fetcher applies to a downloaded page; beyond it a "page" is a
# mistake or an attack (a gzip bomb decompresses to gigabytes).
MAX_PAGE_BYTES = 15 * 1024 * 1024


_GZIP_MAGIC = b"\x1f\x8b"


def read_page_file(path: Path, limit: int = MAX_PAGE_BYTES, expected: str = "a web page") -> bytes:
    """The file's bytes (gunzipped), or CliError naming the file and the problem.

    A gzip file is decompressed whatever its name (a page saved by `curl` without
    `--compressed` is gzip under a .html name); `expected` words the refusal of a
    file that is something else ("this is a PDF document, not a web page").
    """
    data = _read(path, limit)
    if len(data) > limit:
        raise CliError(f"{path}: file too large (over {limit // (1024 * 1024)} MB; refusing)")
    try:
        ensure_page(data, expected)
    except NotAPage as exc:
        raise CliError(f"{path}: {exc}") from exc
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
        raise CliError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise CliError(f"{path}: is a directory") from exc
    except PermissionError as exc:
        raise CliError(f"{path}: permission denied") from exc
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise CliError(f"{path}: corrupt gzip file ({exc})") from exc
    except OSError as exc:
        raise CliError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    return data


def _starts_with(path: Path, magic: bytes) -> bool:
    # Errors are left to the real read, which words them.
    try:
        with path.open("rb") as stream:
            return stream.read(len(magic)) == magic
    except OSError:
        return False
