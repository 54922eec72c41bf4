"""The content-scoring engine: trafilatura, run on our parsed tree.

trafilatura (lxml-based, maintained, best of the open extractors on public
benchmarks) finds the main content; we read its cleaned body tree rather than
its text output so paragraph boundaries survive.

It runs in two gears. The fast pass (its own heuristics only) is right on most
article pages and about twice as quick. When it returns much less text than
the page holds in <p> elements, it has usually locked onto a teaser or one
section, and the full pass (which also tries its readability and jusText
fallbacks and keeps the better result) is run instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.blocks import body_blocks

# trafilatura logs every page it cannot use at WARNING; for us that is an
# ordinary outcome reported as ExtractionError, not console noise.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False

# Tuned on the WCXB and AEB benchmarks together: below this share of the page's
# paragraph text, the full pass wins far more often than it loses.
_FULL_PASS_BELOW_SHARE = 0.6


def _run(tree: HtmlElement, url: str | None, *, fast: bool) -> list[str]:
    try:
        # bare_extraction works on a copy of a tree it is handed, so ours stays
        # intact for the metadata and cross-check readers.
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=fast,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
        )
    except Exception:
        # A third-party engine's heuristics meet every malformed page there is
        # (lxml XPath errors, index errors, recursion); whatever it raises means
        # "no content found here", and our own scorer gets its turn.
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    return body_blocks(body)


def _paragraph_text_length(tree: HtmlElement) -> int:
    return sum(len((element.text_content() or "").strip()) for element in tree.iter("p"))


@dataclass(frozen=True, slots=True)
class EngineResult:
    blocks: list[str]
    # True when even the full pass found little of the page's paragraph text:
    # worth asking a second opinion (our own scorer) before trusting it.
    thin: bool


def engine_blocks(tree: HtmlElement, url: str | None) -> EngineResult:
    """Main-content blocks as the engine sees them ([] when it finds none)."""
    blocks = _run(tree, url, fast=True)
    found = sum(len(block) for block in blocks)
    paragraph_text = _paragraph_text_length(tree)
    if found >= _FULL_PASS_BELOW_SHARE * paragraph_text:
        return EngineResult(blocks, thin=False)
    fuller = _run(tree, url, fast=False)
    if sum(len(block) for block in fuller) > found:
        blocks = fuller
        found = sum(len(block) for block in fuller)
    return EngineResult(blocks, thin=found < _FULL_PASS_BELOW_SHARE * paragraph_text)
