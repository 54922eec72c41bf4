"""Boxes of prose set in the article's flow are article text.

The engine drops every `<aside>`: most are furniture (newsletter prompts,
"related" teasers, ads). But a writer's own box inside the story ("Beyond the
headlines": a few recommendations, each a heading and a paragraph of prose; a
fact box) is part of what the outlet published, and an edit inside it must
make a version. It is put back, one block per heading and paragraph, right
after the kept paragraph it follows on the page.

A box counts as the article's by its position and its shape, never its names:
- the nearest sibling before it that holds text is a paragraph the engine kept;
- it holds at least two paragraphs of prose (long, few links), or one when the
  next thing printed after it is the story's too (a paragraph or a subheading the
  engine kept: a callout set between paragraphs) and it is neither a pull quote
  (the story's own words) nor a sponsor's line; its text as a whole is mostly
  words, not links;
- it holds no form control (a sign-up box has its prose too) and sits outside
  navigation, headers, footers and forms.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.extract.furniture import FORM_CONTROLS, FURNITURE_BOXES, inside_boxes
from newsdiff_gui.core.extract.lists import kept_block, text_siblings
from newsdiff_gui.core.extract.text_key import (
    SUBHEADINGS,
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


def _box_blocks(box: HtmlElement, min_paragraphs: int) -> list[str]:
    """The box's headings and paragraphs as blocks, or [] when it is not prose."""
    if any(True for _ in box.iter(*_CONTROLS)):
        return []
    if sum(1 for p in box.iter("p") if _is_prose(p)) < min_paragraphs:
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


def _story_follows(box: HtmlElement, position: dict[str, int]) -> bool:
    """Whether the next thing printed after the box is the story's: a paragraph or
    a subheading the engine kept."""
    after = next(text_siblings(box, preceding=False), None)
    if after is None:
        return False
    if after.tag in SUBHEADINGS:
        return text_key(after.text_content()) in position
    return kept_block(after, position, last=False) is not None


def restore_article_asides(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the article's own boxes of prose put back where the page prints them."""
    if not blocks:
        return blocks
    position = block_positions(blocks)
    kept_text = "\n".join(position)
    inserts: dict[int, list[str]] = {}
    for count, box in enumerate(tree.iter("aside")):
        if count >= _MAX_BOXES:
            break
        anchor = _anchor(box, position)
        if anchor is None or inside_boxes(box, _OUTER_FURNITURE):
            continue
        # A box set between two of the story's paragraphs (a callout: "Don't just
        # sit there! Americans spend…") is the story's with one paragraph of prose.
        between = _story_follows(box, position)
        found = _box_blocks(box, 1 if between else _MIN_PROSE_PARAGRAPHS)
        if not found or any(text_key(block) in position for block in found):
            continue  # the engine has (some of) it already: its reading stands
        if between and (
            text_key(" ".join(found)) in kept_text or any(is_boilerplate(b) for b in found)
        ):
            continue  # a pull quote repeats the story; a sponsor's line is furniture
        inserts.setdefault(anchor, []).extend(found)
    return with_inserts(blocks, inserts)
