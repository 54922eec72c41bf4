"""The SQLite store: articles, versions (raw HTML + extracted text), checks, annotations."""

from newsdiff_gui.core.store.annotation_store import AnnotationStore
from newsdiff_gui.core.store.database import default_database_path
from newsdiff_gui.core.store.models import (
    Article,
    Capture,
    CaptureOutcome,
    CaptureResult,
    CheckRecord,
    DuplicateArticle,
    NotFound,
    StoredVersion,
    StoreError,
    VersionNotice,
    VersionSource,
)
from newsdiff_gui.core.store.version_store import VersionStore, content_hash

__all__ = [
    "AnnotationStore",
    "Article",
    "Capture",
    "CaptureOutcome",
    "CaptureResult",
    "CheckRecord",
    "DuplicateArticle",
    "NotFound",
    "StoreError",
    "StoredVersion",
    "VersionNotice",
    "VersionSource",
    "VersionStore",
    "content_hash",
    "default_database_path",
]
