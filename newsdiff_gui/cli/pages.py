"""Reading saved files (.html, .htm, .txt, .json, any of them .gz) with a size cap."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from newsdiff_gui.cli.errors import CliError

# The same ceiling the fetcher applies to a downloaded page; beyond it a "page" is a
# mistake or an attack (a gzip bomb decompresses to gigabytes).
MAX_PAGE_BYTES = 15 * 1024 * 1024


def read_page_file(path: Path, limit: int = MAX_PAGE_BYTES) -> bytes:
    """The file's bytes (gunzipped for .gz), or CliError naming the file and the problem."""
    try:
        if path.name.lower().endswith(".gz"):
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
    if len(data) > limit:
        raise CliError(f"{path}: file too large (over {limit // (1024 * 1024)} MB; refusing)")
    return data
