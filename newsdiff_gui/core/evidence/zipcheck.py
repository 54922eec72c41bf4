"""The package's ZIP container, written one way only, so `verify` can tell it was not altered.

The manifest covers the files' bytes, but a ZIP also has headers (dates, attributes, a
comment) that no hash covers. Every entry is written the same way (stored, a fixed date and
mode, Unix as the maker), so the same files in the same order always give the same bytes:
`verify` rebuilds the container from the files it read and compares.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_UNIX = 3


def write_entries(
    target: io.BufferedIOBase | io.BytesIO | str, entries: Iterable[tuple[str, bytes]]
) -> None:
    # Stored, not deflated: WACZ readers seek into the WARC and index by offset.
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = _UNIX
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def canonical_zip_problem(data: bytes, files: Mapping[str, bytes]) -> str | None:
    """None when `data` is exactly the container our writer makes of `files` (in their
    order in the file), else a sentence saying the container was altered."""
    rebuilt = io.BytesIO()
    write_entries(rebuilt, files.items())
    if rebuilt.getvalue() == data:
        return None
    return "the ZIP container was altered outside its files (headers, comment or added bytes)"
