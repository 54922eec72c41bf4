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
from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.blocks import body_blocks
from newsdiff_gui.core.extract.furniture import is_hidden_box
from newsdiff_gui.core.extract.text_key import text_length

# trafilatura logs every page it cannot use at WARNING; for us that is an
# ordinary outcome reported as ExtractionError, not console noise.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").propagate = False

# Tuned on the WCXB and AEB benchmarks together: below this share of the page's
# paragraph text, the full pass wins far more often than it loses.
_FULL_PASS_BELOW_SHARE = 0.6
_FEW_BLOCKS = 3


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


# A box's own run of text (its text, or a child's tail) this long is a sentence or
# more, not a menu's or a label's words; a page written without <p> ("<div>Text
# <a>link</a> text…<h2>…</h2> Text…</div>") holds its story in such runs.
# (The raw length first: it is cheaper, and most text nodes are a layout's spaces.)
_LOOSE_RUNS = etree.XPath(
    "//text()[string-length() >= 80][parent::div or parent::section or parent::article"
    " or parent::main or parent::td or parent::body or parent::blockquote]"
    "[string-length(normalize-space()) >= 80]"
)


def _loose_text_length(tree: HtmlElement) -> int:
    """The text a page prints straight into its boxes, outside any paragraph (a
    hidden box prints nothing: a page's hidden copy of its story for machines
    is no prose for a reader)."""
    hidden: dict[HtmlElement, bool] = {}
    total = 0
    for run in _LOOSE_RUNS(tree):
        owner = run.getparent()
        box = owner.getparent() if run.is_tail else owner
        if box is not None and not _in_hidden_box(box, hidden):
            total += len(run.strip())
    return total


def _in_hidden_box(element: HtmlElement, hidden: dict[HtmlElement, bool]) -> bool:
    """Whether the element or a box around it is hidden; `hidden` remembers each
    box's answer (a page's runs share their boxes, and nests of them)."""
    chain: list[HtmlElement] = []
    answer = False
    node: HtmlElement | None = element
    while node is not None:
        known = hidden.get(node)
        if known is not None:
            answer = known
            break
        chain.append(node)
        if is_hidden_box(node):
            answer = True
            break
        node = node.getparent()
    for visited in chain:
        hidden[visited] = answer
    return answer


def _prose_length(tree: HtmlElement, found: list[str]) -> int:
    """How much prose the page holds: its paragraphs, or, on a page that prints its
    story without them, the long runs of text in its boxes (else the quick pass's
    first run of text, a twentieth of the story, looked like all of it). Only a
    quick pass that found a few blocks may have stopped so; on a story it read
    in paragraphs the runs are not looked for."""
    paragraphs = sum(len((element.text_content() or "").strip()) for element in tree.iter("p"))
    if len(found) > _FEW_BLOCKS:
        return paragraphs
    return max(paragraphs, _loose_text_length(tree))


# The engine's last resort prints a whole page region as one block; a story's
# paragraph is shorter than this.
GLUED_BLOCK_CHARS = 2000
# The full pass's reading replaces a glued one when it splits it into blocks and
# keeps nearly all of its text (not one section of it).
_SPLIT_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class EngineResult:
    blocks: list[str]
    # True when even the full pass found little of the page's paragraph text:
    # worth asking a second opinion (our own scorer) before trusting it.
    thin: bool
    # Whether the full pass was run (its reading is this one, or was no better).
    full_pass: bool = False

    @property
    def glued(self) -> bool:
        """One block of a whole region: an edit anywhere in it is unreadable."""
        return len(self.blocks) == 1 and len(self.blocks[0]) >= GLUED_BLOCK_CHARS


def engine_blocks(tree: HtmlElement, url: str | None) -> EngineResult:
    """Main-content blocks as the engine sees them ([] when it finds none)."""
    blocks = _run(tree, url, fast=True)
    found = text_length(blocks)
    paragraph_text = _prose_length(tree, blocks)
    if found >= _FULL_PASS_BELOW_SHARE * paragraph_text:
        return EngineResult(blocks, thin=False)
    fuller = _run(tree, url, fast=False)
    if text_length(fuller) > found:
        blocks = fuller
    thin = text_length(blocks) < _FULL_PASS_BELOW_SHARE * paragraph_text
    return EngineResult(blocks, thin=thin, full_pass=True)


def split_glued(tree: HtmlElement, url: str | None, glued: EngineResult) -> EngineResult | None:
    """The full pass's reading of a page the quick pass glued into one block, when it
    reads the block's text apart: a page printing its story straight into a box,
    headings between its runs of text, comes out of the quick pass as one block."""
    if glued.full_pass:
        return None
    fuller = _run(tree, url, fast=False)
    if len(fuller) > 1 and text_length(fuller) >= _SPLIT_SHARE * text_length(glued.blocks):
        return EngineResult(fuller, thin=glued.thin, full_pass=True)
    return None
