"""Reading saved files for the commands: core/sources' rules (the 15 MB cap, gzip, the
first-bytes check), its refusals as the command's one-line error."""

from __future__ import annotations

from pathlib import Path

from newsdiff_gui.cli.errors import CliError
from newsdiff_gui.core.sources import MAX_PAGE_BYTES, SourceError
from newsdiff_gui.core.sources import read_page_file as read_source_file

__all__ = ["MAX_PAGE_BYTES", "read_page_file"]


def read_page_file(path: Path, limit: int = MAX_PAGE_BYTES, expected: str = "a web page") -> bytes:
    """The file's bytes (gunzipped), or CliError naming the file and the problem."""
    try:
        return read_source_file(path, limit, expected)
    except SourceError as exc:
        raise CliError(str(exc)) from exc
