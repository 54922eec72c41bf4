"""The one error extraction raises, and the extractor's identity."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

EXTRACTOR_NAME = "newsdiff-extract"
# Bump whenever the same HTML can give a different Document: every stored
# version records it, so a changed extractor is not mistaken for a changed article.
_OWN_VERSION = "1.73"


def _engine_version() -> str:
    try:
        return version("trafilatura")
    except PackageNotFoundError:  # a frozen build without the engine's metadata
        return "unknown"


# The engine's own rules choose the main content, so a new engine release reads
# the same page differently just as a change of ours does: it is part of the
# identity, and core/extractor_upgrade.py re-reads the stored page instead of
# recording a version the newsroom never made.
EXTRACTOR_VERSION = f"{_OWN_VERSION}+trafilatura-{_engine_version()}"


class ExtractionError(ValueError):
    """The page holds no article we can read (empty, navigation only, not HTML)."""
