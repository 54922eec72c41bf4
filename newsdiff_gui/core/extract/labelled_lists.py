"""A list set in a box of its own under a short label, right before the story's text.

Reviews and guides print each item's "Pros:" and "Cons:", a recipe its "You will
need:", as a box holding a label and a list, set before the paragraphs about the
item. The engine drops such boxes, and the list rule (lists.py) cannot place them:
the nearest text before the list is its own label, which the engine dropped too.
An edit inside them ("Battery lasts 10 hours" -> "12 hours") would make no
version. Such a box is put back, label and items, right before the kept paragraph
that follows it on the page, when:
- the box holds nothing with text but the label (a heading, or a line of a few
  words) and the list;
- the next sibling with text is a kept block (other boxes of the same shape may
  come first: "Pros:" then "Cons:"); boxes that close the box holding them (a
  product card's "What we like", "Something to note") look past it, and past
  the boxes it closes in turn;
- the list is a plain list of words (lists.py's test: no links list, no toolbar)
  and the label is no furniture ("Related", "Tags", "Share") and no button (a
  linked "Get a demo" over a sign-up banner's perks).
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES, inside_boxes
from newsdiff_gui.core.extract.lists import list_items, text_siblings
from newsdiff_gui.core.extract.text_key import (
    block_positions,
    holds_text,
    linked_chars,
    printed_text,
    text_key,
    with_inserts,
)
from newsdiff_gui.core.normalize import clean_text

_BOXES = frozenset({"div", "section"})
_LABELS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b"})
_MAX_LABEL_WORDS = 4
# Boxes of the same shape passed over before the kept block ("Pros:", "Cons:").
_MAX_BOXES_BEFORE = 3
_MAX_LISTS = 400
# How many boxes the label's box may end, one inside the other, before the next text.
_MAX_HOLDERS = 8


def restore_labelled_lists(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with each labelled list box put back before the kept block after it."""
    if not blocks:
        return blocks
    position: dict[str, int] | None = None  # read once a box qualifies (most pages: none)
    # Before the kept block at `target` is after the one at `target - 1` (-1: first).
    inserts: dict[int, list[str]] = {}
    for count, listing in enumerate(tree.iter("ul", "ol")):
        if count >= _MAX_LISTS:
            break
        box = listing.getparent()
        label = _label(box, listing) if box is not None else None
        if box is None or label is None or inside_boxes(box, FURNITURE_BOXES):
            continue
        position = position if position is not None else block_positions(blocks)
        items = list_items(listing)
        texts = [label, *(" ".join(lines) for lines in items)]
        if not items or any(text_key(text) in position for text in texts):
            continue  # kept, whole or in part: the engine's reading stands
        target = _kept_after(box, position)
        if target is not None:
            inserts.setdefault(target - 1, []).extend(texts)
    return with_inserts(blocks, inserts)


def _label(box: HtmlElement, listing: HtmlElement) -> str | None:
    """The box's label when it holds only a label and then the list."""
    if box.tag not in _BOXES:
        return None
    parts: list[HtmlElement] = []
    for child in box:
        if isinstance(child.tag, str) and holds_text(child):
            parts.append(child)
            if len(parts) > 2:
                return None  # (read no further: a box of many children is no label's)
    if len(parts) != 2 or parts[1] is not listing or parts[0].tag not in _LABELS:
        return None
    if clean_text(box.text or ""):
        return None  # loose words in the box: more than a label
    label = printed_text(parts[0])
    words = len(label.split())
    if not label or words > _MAX_LABEL_WORDS or is_boilerplate(label):
        return None
    # A linked "label" is a button ("Get a demo" over a sign-up banner's perks).
    if 2 * linked_chars(parts[0]) > len(label):
        return None
    return label


def _kept_after(box: HtmlElement, position: dict[str, int]) -> int | None:
    """Index of the kept block that follows the box (past boxes of its shape). When
    the box and those end the box holding them (a product card's "What we like"
    and "Something to note" close the card), the next text is sought after that
    holder, up through the boxes it ends too."""
    passed = 0
    for _ in range(_MAX_HOLDERS):
        for sibling in text_siblings(box, preceding=False):
            index = position.get(text_key(sibling.text_content()))
            if index is not None:
                return index
            listing = next((child for child in sibling if child.tag in ("ul", "ol")), None)
            if passed >= _MAX_BOXES_BEFORE or listing is None or _label(sibling, listing) is None:
                return None
            passed += 1
        holder = box.getparent()
        if holder is None or holder.tag in ("body", "html", *FURNITURE_BOXES):
            return None
        box = holder
    return None
