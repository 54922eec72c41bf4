"""The story's first lines, set in its container before the box the engine starts at.

Rich-text editors wrap parts of a story in boxes of their own: the opening
sentences as loose `<div>`s or a heading, the rest in a nested `<div>`. The
engine may keep the nested box and drop what comes before it in the same
container, so an edit to the story's first lines ("said every student" ->
"said most students") makes no version. Those lines are put back, before the
first kept block, when the page says they are the story's:
- they are the siblings right before the first kept block's element, or before
  its nearest ancestor that has siblings with text (the box the engine chose),
  read back from there until the first that is not prose;
- prose is a leaf block of sentences, mostly words, not links, with no form
  control, outside navigation, headers, footers, asides and figures; a heading
  (without links) is taken too, as it introduces the prose read after it;
- a caption (the block right after a picture), a byline, a date line and the
  page's meta description printed as a teaser are not the story's prose;
- the run stops at the visible headline, at any block the engine kept, at the
  first block that is not prose, and after a few blocks.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate, is_byline_line
from newsdiff_gui.core.extract.furniture import (
    FORM_CONTROLS,
    FURNITURE_BOXES,
    after_picture,
    inside_boxes,
)
from newsdiff_gui.core.extract.lists import text_siblings
from newsdiff_gui.core.extract.stamps import is_stamp_line, opens_with_stamp
from newsdiff_gui.core.extract.text_key import SUBHEADINGS, UNPRINTED_TAGS, linked_chars, text_key
from newsdiff_gui.core.normalize import clean_text

_BLOCKS = frozenset({"p", "div", "section", "ul", "ol", "table", "li", "blockquote", "figure"})
_PROSE = frozenset({"p", "div"}) | SUBHEADINGS
# A caption or a credit sits in a figure; the opening does not.
_OUTER_BOXES = FURNITURE_BOXES | {"figure", "figcaption", "li", "table"}
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", ":")
_MIN_PROSE = 40
_MAX_LINK_SHARE = 0.3
_MAX_LEAD_IN = 4
# How far above the first kept block the box the engine chose may start.
_MAX_LEVELS = 6
# How much of a run of text is keyed to rule it out as the first kept block's start.
_PREFIX_CHARS = 200
# A box's text is keyed whole only up to this many times its paragraph's key, plus
# this: past it, a key longer than the paragraph's says the box holds more.
_KEY_BOUND_FACTOR = 4
_KEY_BOUND_SLACK = 200
_MAX_CANDIDATES = 20000
_FIRST_TAGS = frozenset(_PROSE | {"li", "blockquote", "td"})
_TEXT_HOLDING = etree.XPath("//text()[contains(., $word)]")
_OPENING_WORDS = 4
_MIN_SEARCH_WORD = 4


def _text_starts(tree: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """Each run of text on the page, with the element whose text it opens or continues."""
    for element in tree.iter(etree.Element):
        if element.tag in UNPRINTED_TAGS:
            continue
        if element.text and not element.text.isspace():
            yield element, element.text
        parent = element.getparent()
        if element.tail and parent is not None and not element.tail.isspace():
            yield parent, element.tail


def _key_up_to(text: str, length: int) -> str:
    """`text_key(text)`, or a key longer than `length` read from the text's start
    alone: a box holding a whole page's text (nested boxes of a hostile page) is
    not keyed whole at every level to learn it holds more than one paragraph."""
    bound = _KEY_BOUND_FACTOR * length + _KEY_BOUND_SLACK
    if len(text) > bound:
        opening = text_key(text[:bound])
        if len(opening) > length:
            return opening
    return text_key(text)


def _block_reading_as(
    element: HtmlElement, key: str, keys: dict[HtmlElement, tuple[str, str]]
) -> HtmlElement | None:
    """The element, or the nearest block above it, whose text keys to `key`. `keys`
    holds each box's keys once read, its opening's and its own (a page's runs of
    text share their boxes: a box holding ten thousand runs, or a nest of boxes, is
    keyed once, not once per run)."""
    block: HtmlElement | None = element
    for _ in range(_MAX_LEVELS):
        if block is None:
            return None
        read = keys.get(block)
        if read is None:
            text = block.text_content()
            opening = text_key(text[:_PREFIX_CHARS])
            first = block.tag in _FIRST_TAGS and key.startswith(opening)
            whole = _key_up_to(text, len(key)) if first else ""
            read = keys[block] = (opening, whole)
        opening, whole = read
        if not key.startswith(opening):
            return None  # text before the block's: every box above holds it too
        if block.tag in _FIRST_TAGS:
            if whole == key:
                return block
            if len(whole) > len(key):
                return None  # more text after it: so does every box above
        block = block.getparent()
    return None


def _first_kept(tree: HtmlElement, first_block: str) -> HtmlElement | None:
    """The innermost block reading as the first kept block (the first on the page).

    The page's text nodes holding the block's longest opening word are found by
    XPath and followed up to the blocks around them; only when none reads as the
    block (markup inside the word, text the cleaner rewrote) is every run of
    text keyed, which was most of the rule's time on every page."""
    key = text_key(first_block)
    keys: dict[HtmlElement, tuple[str, str]] = {}
    word = max(first_block.split()[:_OPENING_WORDS], key=len, default="")
    if len(word) >= _MIN_SEARCH_WORD:
        for node in _TEXT_HOLDING(tree, word=word):
            holder = node.getparent()
            if holder is None or holder.tag in UNPRINTED_TAGS:
                continue
            start = holder if not node.is_tail else holder.getparent()
            found = None if start is None else _block_reading_as(start, key, keys)
            if found is not None:
                return found
    for count, (element, text) in enumerate(_text_starts(tree)):
        if count >= _MAX_CANDIDATES:
            return None
        start = text_key(text[:_PREFIX_CHARS])
        if start and key.startswith(start):
            found = _block_reading_as(element, key, keys)
            if found is not None:
                return found
    return None


def _box_start(first: HtmlElement) -> tuple[HtmlElement, list[HtmlElement]] | None:
    """The box the engine started at (the first kept block or an ancestor) and the
    siblings with text before it, nearest first."""
    node = first
    for _ in range(_MAX_LEVELS):
        before = list(text_siblings(node, preceding=True))
        if before:
            return node, before
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        node = parent
    return None


def _prose(element: HtmlElement, description: str) -> str | None:
    """The element's text when it is a leaf block of the story's prose, else None."""
    if element.tag not in _PROSE or any(d.tag in _BLOCKS for d in element.iterdescendants()):
        return None
    if any(True for _ in element.iter(*FORM_CONTROLS)) or after_picture(element):
        return None
    text = clean_text(element.text_content())
    if is_byline_line(text) or is_stamp_line(text) or opens_with_stamp(text):
        return None  # metadata, never a version of its own
    if is_boilerplate(text) or text_key(text) == text_key(description):
        return None
    if element.tag in SUBHEADINGS:
        return text if linked_chars(element) == 0 else None
    if len(text) < _MIN_PROSE or not text.endswith(_SENTENCE_END):
        return None
    return text if linked_chars(element) <= _MAX_LINK_SHARE * len(text) else None


def restore_lead_in(
    blocks: list[str], tree: HtmlElement, title: str, description: str | None
) -> list[str]:
    """`blocks` with the story's first lines put back when the engine started after them."""
    if not blocks:
        return blocks
    first = _first_kept(tree, blocks[0])
    if first is None:
        return blocks
    start = _box_start(first)
    if start is None or inside_boxes(start[0], _OUTER_BOXES):
        return blocks
    kept: set[str] = set()  # read once a sibling is prose
    headline = text_key(title)
    found: list[str] = []  # nearest first
    # A heading introduces prose: one right before another heading (or before a
    # box that opens with one) is the label of a box, not the story's.
    after_heading = first.tag in SUBHEADINGS
    for sibling in start[1]:
        if len(found) >= _MAX_LEAD_IN or next(sibling.iter("h1"), None) is not None:
            break  # (iter reads the sibling itself first)
        text = _prose(sibling, description or "")
        key = "" if text is None else text_key(text)
        if text is not None and not kept:
            kept = {text_key(block) for block in blocks}
        if text is None or key in kept or key == headline:
            break
        if sibling.tag in SUBHEADINGS and after_heading:
            break
        after_heading = sibling.tag in SUBHEADINGS
        found.append(text)
    return [*reversed(found), *blocks] if found else blocks
