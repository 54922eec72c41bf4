"""The content-scoring engine: trafilatura, run on our parsed tree.

trafilatura (lxml-based, maintained, best of the open extractors on public
benchmarks) finds the main content; we read its cleaned body tree rather than
its text output so paragraph boundaries survive.
"""

from __future__ import annotations

import logging

import trafilatura
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.blocks import body_blocks

# trafilatura logs every page it cannot use at WARNING; for us that is an
# ordinary outcome reported as ExtractionError, not console noise.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False


def engine_blocks(tree: HtmlElement, url: str | None) -> list[str]:
    """Main-content blocks as the engine sees them; [] when it finds none."""
    try:
        # bare_extraction works on a copy of a tree it is handed, so ours stays
        # intact for the metadata and fallback readers.
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
        )
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        # Third-party heuristics meet every malformed page there is; a crash
        # there means "no content found", and the caller falls back.
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    return body_blocks(body)
