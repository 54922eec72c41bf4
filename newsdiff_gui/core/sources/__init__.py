"""Any input — a stored version, a saved file, a web address — as a document with its
provenance, by one set of rules (caps, errors, the extractor child process).

    with SourceLoader(database) as loader:
        side = loader.load(parse_source("12@3"))   # or SavedFile(path), WebAddress(url)
"""

from newsdiff_gui.core.sources.files import MAX_PAGE_BYTES, read_page_file
from newsdiff_gui.core.sources.loader import SourceLoader, parse_source
from newsdiff_gui.core.sources.model import (
    LoadedSource,
    SavedFile,
    SourceError,
    SourceRef,
    StoredVersionRef,
    WebAddress,
)

__all__ = [
    "MAX_PAGE_BYTES",
    "LoadedSource",
    "SavedFile",
    "SourceError",
    "SourceLoader",
    "SourceRef",
    "StoredVersionRef",
    "WebAddress",
    "parse_source",
    "read_page_file",
]
