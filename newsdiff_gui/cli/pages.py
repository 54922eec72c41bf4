"""Reading saved page files (.html, .htm, .html.gz) with a size cap."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from newsdiff_gui.cli.errors import CliError

# The same ceiling the fetcher applies to a downloaded page.
MAX_PAGE_BYTES = 15 * 1024 * 1024


def read_page_file(path: Path) -> bytes:
    """The file's HTML bytes (gunzipped for .gz), or CliError in words."""
    try:
        if path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as stream:
                data = stream.read(MAX_PAGE_BYTES + 1)
        else:
            with path.open("rb") as stream:
                data = stream.read(MAX_PAGE_BYTES + 1)
    except FileNotFoundError as exc:
        raise CliError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise CliError(f"{path}: is a directory") from exc
    except PermissionError as exc:
        raise CliError(f"{path}: permission denied") from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise CliError(f"{path}: cannot read the file ({exc})") from exc
    if len(data) > MAX_PAGE_BYTES:
        raise CliError(f"{path}: larger than {MAX_PAGE_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise CliError(f"{path}: the file is empty")
    return data
