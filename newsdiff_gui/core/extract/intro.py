"""The story's opening printed between its headline and its first kept paragraph.

Many templates print the opening paragraph (a standfirst, a lead) in a box of
its own under the headline, apart from the body's container; the engine keeps
the body and drops the box, so an edit to the opening makes no version. The
opening is put back, before the first kept block, when the page says it is
the story's:
- it follows the visible headline (the <h1> that is the title), and the
  first kept block follows it with nothing in between but short lines (a
  byline, a date, a reading time: metadata, not paragraphs), notices (a
  site's affiliate disclosure) and no heading
  (a heading the engine left out titles another box: a video, a teaser);
- it is a paragraph of prose: a leaf block of sentences, mostly words, not links
  (with the items of a list that follows it, when prose or the story comes next);
  or a short line introducing a list ("This plan is for you if:") and the list's
  items, two at least, mostly words (a "Share this story:" row of links is none);
- it is not the page's meta description printed as a teaser (that is the
  document's `dek`, see furniture.drop_unprinted_description) — a description
  printed word for word is kept only by the rules that handle it.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES
from newsdiff_gui.core.extract.text_key import SUBHEADINGS, UNPRINTED_TAGS, linked_chars, text_key
from newsdiff_gui.core.normalize import clean_text

# Besides the unprinted tags, a drawing's or a button's text is no line of the story.
_UNPRINTED = UNPRINTED_TAGS | {"svg", "path", "button"}
_BLOCKS = frozenset({"p", "div", "section", "ul", "ol", "table", "h1", "h2", "h3", "h4", "li"})
# A line this short between the headline and the body is metadata (a byline, a
# date), passed over; a longer one not kept by the engine ends the search.
_MAX_SHORT_LINE = 80
_MIN_OPENING = 100
_MAX_LINK_SHARE = 0.3
_MAX_STEPS = 120
_MAX_OPENINGS = 2
# A line introducing a list opens the story with the list's items, two at least.
_MIN_LEAD_ITEMS = 2
# How much of a box's text is keyed first to rule it out as the first kept block.
_PREFIX_CHARS = 200
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "“")


def _following(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `element` in document order, its own descendants excepted
    (XPath's following::*), read lazily: the search stops within a few dozen steps,
    and the XPath built the list of every element to the end of the page."""
    node: HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings(etree.Element):
            yield sibling
            yield from sibling.iterdescendants(etree.Element)
        node = node.getparent()


def _headline(tree: HtmlElement, title: str) -> HtmlElement | None:
    wanted = text_key(title)
    for heading in tree.iter("h1"):
        if wanted and text_key(heading.text_content()) == wanted:
            return heading
    return None


def _reads_as(element: HtmlElement, key: str) -> bool:
    """Whether the element's text keys to `key`, without keying the whole text of a
    large box that cannot (the key of a text's start is the start of its key)."""
    text = element.text_content()
    if not key.startswith(text_key(text[:_PREFIX_CHARS])):
        return False
    return text_key(text) == key


def _is_leaf(element: HtmlElement) -> bool:
    return not any(child.tag in _BLOCKS for child in element.iterdescendants())


def _mostly_words(element: HtmlElement) -> bool:
    text = clean_text(element.text_content())
    linked = linked_chars(element)
    return linked <= _MAX_LINK_SHARE * len(text)


def _opening(element: HtmlElement, description: str) -> str | None:
    """The element's text when it is a paragraph of prose, else None."""
    text = clean_text(element.text_content())
    if len(text) < _MIN_OPENING or not _mostly_words(element):
        return None
    if not text.endswith(_SENTENCE_END) or text_key(text) == text_key(description):
        return None
    if any(a.tag in FURNITURE_BOXES for a in element.iterancestors()):
        return None
    return text


def restore_opening(
    blocks: list[str], tree: HtmlElement, title: str, description: str | None
) -> list[str]:
    """`blocks` with the story's opening put back before the first of them."""
    headline = _headline(tree, title) if blocks else None
    if headline is None:
        return blocks
    opening = _Opening(blocks, description or "")
    for step, element in enumerate(_following(headline)):
        if step >= _MAX_STEPS or not isinstance(element.tag, str):
            return blocks
        if element.tag in _UNPRINTED or any(a.tag in _UNPRINTED for a in element.iterancestors()):
            continue
        if not _is_leaf(element):
            # A box of blocks matters only as the first kept block itself.
            if _reads_as(element, opening.first):
                return opening.before(blocks)
            continue
        own = text_key(element.text_content())
        if own == opening.first:
            return opening.before(blocks)
        if not own or own in opening.kept:
            continue
        if element.tag in SUBHEADINGS or not opening.read(element):
            # A heading left out titles another box (a video's), not the story.
            return blocks
    return blocks


class _Opening:
    """The opening read so far between the headline and the first kept block."""

    def __init__(self, blocks: list[str], description: str) -> None:
        self.first = text_key(blocks[0])
        self.kept = {text_key(block) for block in blocks}
        self.description = description
        self.found: list[str] = []
        # A list's items after an opening paragraph: kept once prose or the story follows.
        self.items: list[str] = []
        # A short line introducing a list ("This plan is for you if:") and its items.
        self.lead: list[str] = []
        self.paragraphs = 0

    def before(self, blocks: list[str]) -> list[str]:
        self._close_lead()
        return [*self.found, *self.items, *blocks] if self.found else blocks

    def _close_lead(self) -> None:
        if len(self.lead) > _MIN_LEAD_ITEMS and self.paragraphs < _MAX_OPENINGS:
            self.found.extend([*self.items, *self.lead])
            self.items.clear()
            self.paragraphs += 1
        self.lead = []

    def read(self, element: HtmlElement) -> bool:
        """Take a leaf element of the opening; False when it ends the search."""
        if element.tag == "li" and _mostly_words(element) and (self.lead or self.found):
            (self.lead or self.items).append(clean_text(element.text_content()))
            return True
        self._close_lead()
        line = clean_text(element.text_content())
        if line.endswith(":") and len(line) <= _MAX_SHORT_LINE and not is_boilerplate(line):
            self.lead = [line]
            return True
        # Metadata (a byline, a date) is passed over, and so is a notice above the
        # opening (a site's affiliate disclosure); a promo after it ends the search.
        if len(line) <= _MAX_SHORT_LINE or (not self.found and is_boilerplate(line)):
            self.items.clear()
            return True
        opening = _opening(element, self.description)
        if opening is None or self.paragraphs >= _MAX_OPENINGS:
            return False
        self.found.extend([*self.items, opening])
        self.items.clear()
        self.paragraphs += 1
        return True
