"""Boxes of prose set in the article's flow are article text.

The engine drops every `<aside>`: most are furniture (newsletter prompts,
"related" teasers, ads). But a writer's own box inside the story ("Beyond the
headlines": a few recommendations, each a heading and a paragraph of prose; a
fact box) is part of what the outlet published, and an edit inside it must
make a version. It is put back, one block per heading and paragraph, right
after the kept paragraph it follows on the page.

A box counts as the article's by its position and its shape, never its names:
- the nearest sibling before it that holds text is a paragraph the engine kept;
- it holds at least two paragraphs of prose (long, few links), and its text as
  a whole is mostly words, not links;
- it holds no form control (a sign-up box has its prose too) and sits outside
  navigation, headers, footers and forms.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import FORM_CONTROLS, FURNITURE_BOXES, inside_boxes
from newsdiff_gui.core.extract.lists import kept_block, text_siblings
from newsdiff_gui.core.extract.text_key import (
    block_positions,
    linked_chars,
    printed_lines,
    text_key,
    with_inserts,
)
from newsdiff_gui.core.normalize import clean_text

_MAX_BOXES = 100
# The box is an aside itself: the other furniture, and list items, hold it out.
_OUTER_FURNITURE = (FURNITURE_BOXES - {"aside"}) | {"li"}
# An embedded frame is a widget (a sign-up or a player), as a form control is.
_CONTROLS = tuple(FORM_CONTROLS | {"iframe"})
_TEXT_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6")
# A prose paragraph: a few sentences, not a teaser line or a prompt.
_MIN_PROSE_CHARS = 120
_MIN_PROSE_PARAGRAPHS = 2
_MAX_LINK_SHARE = 0.25


def _is_prose(paragraph: HtmlElement) -> bool:
    text = clean_text(paragraph.text_content())
    return len(text) >= _MIN_PROSE_CHARS and linked_chars(paragraph) <= _MAX_LINK_SHARE * len(text)


def _box_blocks(box: HtmlElement) -> list[str]:
    """The box's headings and paragraphs as blocks, or [] when it is not prose."""
    if any(True for _ in box.iter(*_CONTROLS)):
        return []
    if sum(1 for p in box.iter("p") if _is_prose(p)) < _MIN_PROSE_PARAGRAPHS:
        return []
    text = clean_text(box.text_content())
    if linked_chars(box) > _MAX_LINK_SHARE * len(text):
        return []
    blocks: list[str] = []
    for element in box.iter(*_TEXT_BLOCKS):
        if any(a.tag in _TEXT_BLOCKS for a in element.iterancestors()):
            continue  # inside a block already read
        blocks.extend(printed_lines(element))
    return blocks


def _anchor(box: HtmlElement, position: dict[str, int]) -> int | None:
    before = next(text_siblings(box, preceding=True), None)
    return None if before is None else kept_block(before, position, last=True)


def restore_article_asides(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the article's own boxes of prose put back where the page prints them."""
    if not blocks:
        return blocks
    position = block_positions(blocks)
    inserts: dict[int, list[str]] = {}
    for count, box in enumerate(tree.iter("aside")):
        if count >= _MAX_BOXES:
            break
        anchor = _anchor(box, position)
        if anchor is None or inside_boxes(box, _OUTER_FURNITURE):
            continue
        found = _box_blocks(box)
        if not found or any(text_key(block) in position for block in found):
            continue  # the engine has (some of) it already: its reading stands
        inserts.setdefault(anchor, []).extend(found)
    return with_inserts(blocks, inserts)
