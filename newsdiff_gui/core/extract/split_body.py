"""A story split in two by a box set inside it is read whole.

Templates cut a long story into several containers of one kind (the same tag
and class, side by side under one parent) to set a promotion or a sign-up box
between them. The engine then keeps one part and drops the others, so an edit
in a dropped part makes no version. The dropped parts are put back, in page
order, when the page says they are the same story:
- the part is a sibling of the kept part's container with the same tag and
  (non-empty) class, whose first child matches too, and none of its text is kept;
- a part after the kept one comes before any sibling printing an <h1> (a next
  article loaded below the story starts with its own headline, and what
  follows it is that article's), and the parts after it are read only when
  each holds more text than a teaser card (page builders reuse layout classes);
- a part dropped between two parts the engine kept (some of) is the story's
  whatever its length (a section holding only its heading), unless it holds a
  form (a reply box); found from the first kept block, or the next two when the
  first is a label set apart ("Table of contents");
- it reads as prose: its blocks are mostly words, not links, and it holds no
  <h1>. Within it, the blocks of a form, a <nav> or an <aside> set in it, and
  a list each of whose items links elsewhere and a block that is mostly one
  link's text (a "more stories" list closing the part), are left to the engine.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import FORM_CONTROLS
from newsdiff_gui.core.extract.text_key import linked_chars, text_key
from newsdiff_gui.core.normalize import clean_text

_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
_NESTED = frozenset(_BLOCKS) | {"ul", "ol"}
_BOXES = frozenset({"form", "nav", "aside"})
_MAX_LINK_SHARE = 0.3
# A block whose text is more than this share of links is a teaser line, not prose.
_MAX_BLOCK_LINK_SHARE = 0.5
_MIN_PART_CHARS = 200
_MIN_LATER_PART_CHARS = 500
_MAX_ANCESTORS = 30
_MAX_SIBLINGS = 8
_MAX_STARTS = 3


def _signature(element: HtmlElement) -> tuple[str, str, str, str]:
    first = next((child for child in element if isinstance(child.tag, str)), None)
    child = ("", "") if first is None else (str(first.tag), first.get("class") or "")
    return (str(element.tag), element.get("class") or "", *child)


def _containers(tree: HtmlElement, keys: set[str]) -> dict[str, HtmlElement]:
    """For each key, the first element holding that kept block as a paragraph of its own."""
    found: dict[str, HtmlElement] = {}
    for element in tree.iter("p", "h2", "h3", "h4", "li"):
        own = text_key(element.text_content())
        if own not in keys or own in found:
            continue
        linked = sum(len(text_key(a.text_content())) for a in element.iter("a"))
        if 2 * linked < len(own):  # not its entry in a table of contents
            found[own] = element
            if len(found) == len(keys):
                break
    return found


def _is_link_list(element: HtmlElement) -> bool:
    """A list each of whose items links elsewhere: teasers of other pages."""
    if element.tag not in ("ul", "ol"):
        return False
    items = [child for child in element if child.tag == "li"]
    return bool(items) and all(next(item.iter("a"), None) is not None for item in items)


def _part_blocks(part: HtmlElement, *, min_chars: int = _MIN_PART_CHARS) -> list[str]:
    """The part's blocks when it reads as the story's prose, else []."""
    if next(part.iter("h1"), None) is not None:
        return []
    text = clean_text(part.text_content())
    linked = linked_chars(part)
    if not text or len(text) < min_chars or linked > _MAX_LINK_SHARE * len(text):
        return []
    blocks = []
    for element in part.iter(*_BLOCKS):
        if any(d.tag in _NESTED for d in element.iterdescendants()):
            continue  # read at its innermost block
        if any(a.tag in _BOXES or _is_link_list(a) for a in element.iterancestors()):
            continue  # a box set inside the part (a sign-up form, a pull box, teasers)
        block = clean_text(element.text_content())
        linked = linked_chars(element)
        if block and linked <= _MAX_BLOCK_LINK_SHARE * len(block):
            blocks.append(block)
    return blocks


def _twins(part: HtmlElement, *, preceding: bool) -> list[HtmlElement]:
    """The part's siblings of its own kind on one side, nearest first (after the
    part: only those before a sibling printing a headline)."""
    signature = _signature(part)
    found = []
    for count, sibling in enumerate(part.itersiblings(preceding=preceding)):
        if count >= _MAX_SIBLINGS or not isinstance(sibling.tag, str):
            break
        if not preceding and next(sibling.iter("h1"), None) is not None:
            break
        if _signature(sibling) == signature:
            found.append(sibling)
    return found


def _is_long(part: HtmlElement) -> bool:
    # Page-builder templates reuse layout classes for the teaser cards below a
    # story (a title and an excerpt): a part after the story is read only when
    # it holds more text than such a card.
    return len(clean_text(part.text_content())) >= _MIN_LATER_PART_CHARS


def _first_kept(part: HtmlElement, position: dict[str, int]) -> int | None:
    """Index of the part's first block the engine kept, if it kept any."""
    for element in part.iter(*_BLOCKS):
        index = position.get(text_key(clean_text(element.text_content())))
        if index is not None:
            return index
    return None


def _fill_gaps(blocks: list[str], after: list[HtmlElement]) -> tuple[list[str], list[HtmlElement]]:
    """`blocks` with each dropped part that lies between two kept ones put back before
    the first kept block of the kept part after it (the story goes on past it), and
    the parts after the last kept one."""
    position = {text_key(block): index for index, block in reversed(list(enumerate(blocks)))}
    inserts: dict[int, list[str]] = {}
    dropped: list[str] = []
    rest = 0
    for number, part in enumerate(after):
        first = _first_kept(part, position)
        if first is None:
            # A part holding a form is a widget set between the story's parts (a
            # reply box under "Leave a reply"), whatever its headings say.
            if next(part.iter(*FORM_CONTROLS), None) is None:
                dropped.extend(_part_blocks(part, min_chars=0))
            continue
        if dropped:
            inserts.setdefault(first, []).extend(dropped)
        dropped, rest = [], number + 1
    filled = [b for i, block in enumerate(blocks) for b in (*inserts.get(i, ()), block)]
    return filled, after[rest:]


def _parts_text(twins: list[HtmlElement], kept: str) -> list[str] | None:
    """The twins' blocks in page order, or None when one is not a part of this story."""
    blocks: list[str] = []
    for twin in twins:
        found = _part_blocks(twin)
        if not found or any(text_key(block) in kept for block in found):
            return None
        blocks.extend(found)
    return blocks


def _split_part(start: HtmlElement) -> HtmlElement | None:
    """The ancestor of `start` that has siblings of its own kind (the story's part)."""
    for depth, part in enumerate(start.iterancestors()):
        if depth >= _MAX_ANCESTORS or part.getparent() is None or part.tag == "body":
            return None
        if not part.get("class"):
            continue  # a bare wrapper: too common to say two are one story's parts
        if _twins(part, preceding=True) or _twins(part, preceding=False):
            return part
    return None


def restore_split_parts(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the other parts of a story split by a box put back around them."""
    # The part holding the story's first kept block; or, for the parts dropped
    # between kept ones only, the next block's when the first is a label set
    # apart ("Table of contents") that a later rule drops.
    starts = _containers(tree, {text_key(block) for block in blocks[:_MAX_STARTS]})
    number, part = next(
        (
            (number, found)
            for number, block in enumerate(blocks[:_MAX_STARTS])
            if (start := starts.get(text_key(block))) is not None
            and (found := _split_part(start)) is not None
        ),
        (0, None),
    )
    if part is None:
        return blocks
    after = _twins(part, preceding=False)
    # A part dropped between two kept ones is the story's whatever its length.
    filled, rest = _fill_gaps(blocks, after)
    if number > 0 or len(rest) < len(after):
        # Parts before the story's start, or after a story read in several parts
        # (its comments and teasers come below), are not judged from here.
        return filled
    # Each side stands alone: a box of the same kind after the story (a teaser)
    # does not undo the part before it.
    kept = "\n".join(text_key(block) for block in blocks)
    earlier = _parts_text(list(reversed(_twins(part, preceding=True))), kept) or []
    later = (_parts_text(rest, kept) if all(map(_is_long, rest)) else None) or []
    return [*earlier, *filled, *later]
