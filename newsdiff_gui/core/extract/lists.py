"""Lists set in the article's flow are article text, whatever the engine made of them.

The engine sometimes keeps every paragraph of a story and drops a bulleted or
numbered list between two of them (prices, steps, a timeline), most often when
the article is not inside a container it recognises. An edit inside such a list
("$11 per month" -> "$12") would then never make a version, so the list is put
back, one block per item, right after the kept paragraph it follows on the page.

A list counts as the article's when its position says so, never its class names:
- the nearest sibling before it that holds text is a paragraph or a heading the
  engine kept (or a list put back by this rule, for lists that follow one another);
- the nearest sibling after it that holds text is nothing, a kept paragraph, a
  heading, another list (a story's list often ends a section), or words that open
  a kept block; or the paragraph before it ends with a colon ("… are the
  following:"): it introduces the list, whatever the page prints after it;
- it is mostly words, not links (link lists are menus, tags and "related" boxes),
  and its items are not buttons (a share toolbar);
- it sits outside navigation, headers, footers, asides and forms.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.extract.furniture import FORM_CONTROLS, FURNITURE_BOXES, inside_boxes
from newsdiff_gui.core.extract.text_key import (
    LIST_TAGS,
    SUBHEADINGS,
    block_positions,
    holds_text,
    linked_chars,
    printed_lines,
    text_key,
    with_inserts,
)
from newsdiff_gui.core.normalize import clean_text

_NESTED_BLOCKS = frozenset({"ul", "ol", "div", "p", "table", "section", "figure"})
# A sentence may link a word or two; a list that is mostly link text is a menu.
_MAX_LINK_SHARE = 0.5
# Bounds for hostile pages: the rule looks at this many lists, of this many items.
_MAX_LISTS = 400
_MAX_ITEMS = 60
_MIN_QUOTED_ITEM = 20
# A paragraph this long found inside a kept block is part of it (the engine may
# keep a whole story as one block); a shorter one may be there by chance.
_MIN_MERGED_PARAGRAPH = 60
# A sub-list is its item's business, judged with it.
_LIST_FURNITURE = FURNITURE_BOXES | {"li"}
_INLINE = frozenset({"b", "strong", "em", "i", "span", "a"})
# An inline element's text this long opening a kept block is no accident.
_MIN_OPENING = 8


def text_siblings(element: HtmlElement, *, preceding: bool) -> Iterator[HtmlElement]:
    """Element siblings that hold text (an image or an empty ad slot is passed over)."""
    for sibling in element.itersiblings(preceding=preceding):
        if isinstance(sibling.tag, str) and holds_text(sibling):
            yield sibling


def list_items(listing: HtmlElement) -> list[list[str]]:
    """The list's items as their printed lines, or [] when it is not a plain list of words."""
    items = [child for child in listing if child.tag == "li"]
    if not items or len(items) > _MAX_ITEMS:
        return []
    if any(
        (d.tag in _NESTED_BLOCKS and (d.tag != "p" or holds_text(d))) or d.tag in FORM_CONTROLS
        for item in items
        for d in item.iterdescendants()
    ):
        # A list of boxes is laid out, and a list of buttons is a toolbar; an
        # empty paragraph in an item is old markup's spacing (an empty <div> is
        # a layout's, a float's clearing).
        return []
    text = clean_text(listing.text_content())
    linked = linked_chars(listing)
    if not text or linked > _MAX_LINK_SHARE * len(text):
        return []
    # A line break inside an item ("Myth 1: …<br>Modern platforms …") parts words,
    # and the engine may have kept the item's lines as blocks of their own.
    return [lines for lines in (printed_lines(item) for item in items) if lines]


def words_list(listing: HtmlElement) -> bool:
    """Whether the list is a plain list of words, as a story prints one (not a menu,
    a toolbar or a grid of boxes)."""
    return bool(list_items(listing))


def restore_article_lists(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the article's dropped lists put back where the page prints them."""
    if not blocks:
        return blocks
    position = block_positions(blocks)
    kept_text = "\n".join(position)
    restored: dict[HtmlElement, int] = {}
    inserts: dict[int, list[str]] = {}
    for count, listing in enumerate(tree.iter(*LIST_TAGS)):
        if count >= _MAX_LISTS:
            break
        anchor = _anchor(listing, position, restored)
        if anchor is None or inside_boxes(listing, _LIST_FURNITURE):
            continue
        items = list_items(listing)
        if not items or any(_item_kept(lines, position, kept_text) for lines in items):
            continue  # the engine has (some of) it already: its reading stands
        restored[listing] = anchor
        inserts.setdefault(anchor, []).extend(" ".join(lines) for lines in items)
    return with_inserts(blocks, inserts)


def _item_kept(lines: list[str], position: dict[str, int], kept_text: str) -> bool:
    """Whether the engine kept the item, whole or as blocks split at its line breaks."""
    if _kept(text_key(" ".join(lines)), position, kept_text):
        return True
    return len(lines) > 1 and all(_kept(text_key(line), position, kept_text) for line in lines)


def _kept(item: str, position: dict[str, int], kept_text: str) -> bool:
    # A short item ("slopes") is found inside some sentence by chance; only a
    # long one is telling when it is part of a kept block.
    return item in position or (len(item) >= _MIN_QUOTED_ITEM and item in kept_text)


def kept_block(paragraph: HtmlElement, position: dict[str, int], *, last: bool) -> int | None:
    """Index of the kept block that is this paragraph, or (for a paragraph the engine
    split at a line break) its last part before a list / its first part after one,
    or the kept block the engine merged it into with its neighbours."""
    if paragraph.tag != "p":
        return None
    text = text_key(paragraph.text_content())
    if text in position:
        return position[text]
    for block, index in position.items():
        if len(block) >= _MIN_QUOTED_ITEM and (
            text.endswith(block) if last else text.startswith(block)
        ):
            return index
    if len(text) >= _MIN_MERGED_PARAGRAPH:
        for block, index in position.items():
            if text in block:
                return index
    return None


def _anchor(
    listing: HtmlElement, position: dict[str, int], restored: dict[HtmlElement, int]
) -> int | None:
    """Index of the kept block the list follows, when both its neighbours are article text."""
    before = next(text_siblings(listing, preceding=True), None)
    if before is None:
        return None
    anchor = restored.get(before)
    if anchor is None:
        anchor = kept_block(before, position, last=True)
    if anchor is None and before.tag in SUBHEADINGS:
        # A list under a heading the engine kept ("What changes in April"): the
        # heading introduces it as the story's paragraphs would; a furniture
        # label ("Comments", "Related") introduces a widget's list.
        heading = before.text_content()
        if not is_boilerplate(heading):
            anchor = position.get(text_key(heading))
    if anchor is None:
        return None
    if before.tag == "p" and before.text_content().rstrip().endswith(":"):
        return anchor  # "… are the following:" introduces it, whatever follows it
    after = next(text_siblings(listing, preceding=False), None)
    if (
        after is None
        or after.tag in LIST_TAGS
        or after.tag in SUBHEADINGS
        or kept_block(after, position, last=False) is not None
        or _starts_kept_block(after, position)
    ):
        return anchor
    return None


def _starts_kept_block(element: HtmlElement, position: dict[str, int]) -> bool:
    """Whether an inline element ("<b>Next page</b>: ...") opens a kept block: the
    engine joined it with the text that follows it on the line."""
    text = text_key(element.text_content())
    return (
        element.tag in _INLINE
        and len(text) >= _MIN_OPENING
        and any(block.startswith(text) for block in position)
    )
