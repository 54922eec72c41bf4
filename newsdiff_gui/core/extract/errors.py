"""The one error extraction raises, and the extractor's identity."""

from __future__ import annotations

EXTRACTOR_NAME = "newsdiff-extract"
# Bump whenever the same HTML can give a different Document: every stored
# version records it, so a changed extractor is not mistaken for a changed article.
EXTRACTOR_VERSION = "1.37"


class ExtractionError(ValueError):
    """The page holds no article we can read (empty, navigation only, not HTML)."""
