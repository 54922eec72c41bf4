"""A story split in two by a box set inside it is read whole.

Templates cut a long story into several containers of one kind (the same tag
and class, side by side under one parent) to set a promotion or a sign-up box
between them. The engine then keeps one part and drops the others, so an edit
in a dropped part makes no version. The dropped parts are put back, in page
order, when the page says they are the same story:
- the part comes before the kept part's container, as its sibling with the
  same tag and (non-empty) class, whose first child matches too, and none of
  its text is kept (a part after the story may be the next article loaded
  below it: left to the engine);
- it reads as prose: its blocks are mostly words, not links, and it holds no
  <h1> (a next article loaded below the story has its own headline) and no form.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.text_key import text_key
from newsdiff_gui.core.normalize import clean_text

_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
_NESTED = frozenset(_BLOCKS) | {"ul", "ol"}
_MAX_LINK_SHARE = 0.3
_MIN_PART_CHARS = 200
_MAX_ANCESTORS = 30
_MAX_SIBLINGS = 8


def _signature(element: HtmlElement) -> tuple[str, str, str, str]:
    first = next((child for child in element if isinstance(child.tag, str)), None)
    child = ("", "") if first is None else (str(first.tag), first.get("class") or "")
    return (str(element.tag), element.get("class") or "", *child)


def _container(tree: HtmlElement, first: str) -> HtmlElement | None:
    """The element holding the first kept block as a paragraph of its own."""
    for element in tree.iter("p", "h2", "h3", "h4", "li"):
        own = text_key(element.text_content())
        if own != first:
            continue
        linked = sum(len(text_key(a.text_content())) for a in element.iter("a"))
        if 2 * linked < len(own):  # not its entry in a table of contents
            return element
    return None


def _part_blocks(part: HtmlElement) -> list[str]:
    """The part's blocks when it reads as the story's prose, else []."""
    if next(part.iter("h1", "form", "nav", "aside"), None) is not None:
        return []
    text = clean_text(part.text_content())
    linked = sum(len(clean_text(a.text_content())) for a in part.iter("a"))
    if len(text) < _MIN_PART_CHARS or linked > _MAX_LINK_SHARE * len(text):
        return []
    blocks = []
    for element in part.iter(*_BLOCKS):
        if any(d.tag in _NESTED for d in element.iterdescendants()):
            continue  # read at its innermost block
        block = clean_text(element.text_content())
        if block:
            blocks.append(block)
    return blocks


def restore_split_parts(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the other parts of a story split by a box put back around them."""
    if not blocks:
        return blocks
    start = _container(tree, text_key(blocks[0]))
    if start is None:
        return blocks
    kept = "\n".join(text_key(block) for block in blocks)
    for depth, part in enumerate(start.iterancestors()):
        if depth >= _MAX_ANCESTORS or part.getparent() is None or part.tag == "body":
            return blocks
        signature = _signature(part)
        if not signature[1]:
            continue  # a bare wrapper: too common to say two are one story's parts
        twins = [
            sibling
            for count, sibling in enumerate(part.itersiblings(preceding=True))
            if count < _MAX_SIBLINGS and _signature(sibling) == signature
        ]
        if not twins:
            continue
        before: list[str] = []
        for twin in reversed(twins):
            found = _part_blocks(twin)
            if not found or any(text_key(block) in kept for block in found):
                return blocks
            before.extend(found)
        return [*before, *blocks]
    return blocks
