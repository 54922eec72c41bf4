"""The audit-log entry of an export: which file, of which versions, with which SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from newsdiff_gui.core.audit.chain import AuditAction, AuditEntry

if TYPE_CHECKING:
    from newsdiff_gui.core.store import VersionStore


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_export(
    store: VersionStore, article_id: int, path: Path, file_format: str, versions: str
) -> AuditEntry:
    """Append the export of the article's `versions` ("2-3") to `path` (already written).

    The file's hash lets anyone holding an export find the entry that vouches for it.
    """
    detail = {
        "file": path.name,
        "sha256": file_sha256(path),
        "format": file_format,
        "versions": versions,
    }
    return store.audit.append(AuditAction.EXPORT, f"export:{file_format}", article_id, detail)
