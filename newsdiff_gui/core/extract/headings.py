"""A story's subheadings are its text, even when the engine read only its paragraphs.

When the engine cannot find the article's container (the first box it tries is
a teaser, or none matches), it gathers the page's paragraphs one by one, and
every subheading between them is lost: "Project scope", "3. Contractor
selection", "What the council decided". A rewritten subheading ("Seven dead" ->
"At least eight dead") then made no version, and the stored text ran sections
together.

A subheading (h2-h6) is put back where the page prints it when its position
says it is the story's, never its class names:
- the nearest sibling before it that holds text is a paragraph the engine kept,
  a list it kept whole, in one run, or a subheading kept or put back by this
  rule (a section's h2 over its first h3); or it opens its box (a listicle's
  item), and the box comes right after the story's text; or it opens the box
  that holds most of the story's kept text (a standfirst set as a heading, the
  first section's title), which may put it before the first kept block;
- the nearest sibling after it that holds text is a paragraph the engine kept,
  a subheading kept or put back too, or a list of words that the engine kept
  right there or dropped (the list rule, run next, puts it back under it);
- it is not a furniture label ("Related stories", "Comments"), not a teaser (a
  heading that is mostly a link to another page) and not inside navigation,
  headers, footers, asides, forms or a box the page hides.
A heading with a teaser list, a "Most read" box or a sign-up form under it is
not followed by the story's paragraph, so it stays out.

A heading goes back only as often as the page prints its words beyond what the
engine kept: a heading kept in its place is not doubled, nor is "Cons" over
each of five products, while a list naming the sections ("Raised wall",
"Tidal barrier") does not stand for the headings that repeat its items. A table
of contents' entries link to the headings and print no copy of them.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES, inside_boxes, is_hidden_box
from newsdiff_gui.core.extract.lists import kept_block, text_siblings, words_list
from newsdiff_gui.core.extract.text_key import (
    LIST_TAGS,
    SUBHEADINGS,
    UNPRINTED_TAGS,
    block_positions,
    holds_text,
    linked_chars,
    printed_text,
    text_key,
    with_inserts,
)

# A heading that is mostly a link is a teaser ("Related: <headline>").
_MAX_LINK_SHARE = 0.5
# A subheading is a line; a longer "heading" is a styled paragraph the engine judged.
_MAX_HEADING_CHARS = 300
# Bounds for hostile pages: headings looked at, subheadings stacked in a row, and
# blocks counted.
_MAX_HEADINGS = 400
_MAX_STACKED = 3
_MAX_BLOCKS = 20_000
_NEAR = 2
_MIN_ANCHOR_KEY = 4
# How far up from a heading that opens its box the story's text before it is sought.
_BOX_LEVELS = 2
# A box holding this share of the kept text, as paragraphs, is the story's.
_STORY_BOX_SHARE = 0.5
# How many boxes holding nothing else may wrap a heading.
_WRAPPER_LEVELS = 2


def restore_subheadings(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the story's dropped subheadings put back where the page prints them."""
    if not blocks:
        return blocks
    kept = _Kept(blocks)
    restored: dict[HtmlElement, int] = {}
    inserts: dict[int, list[str]] = {}
    missing: Counter[str] | None = None
    headings = list(itertools.islice(tree.iter(*SUBHEADINGS), _MAX_HEADINGS))
    # Headings are read in the page's order, and so, mostly, are the kept blocks: a
    # block kept more than once ("Timeline estimate: 1 week" ends two sections) is
    # taken past the previous heading's place, so each heading goes after its own.
    cursor = -1
    for heading in headings:
        # Cheap tests first: on most pages the engine kept every heading in its place.
        text = printed_text(heading)
        place = _placed(heading)
        anchor = _anchor_before(place, kept, restored, cursor) if text else None
        if anchor is None:
            continue
        cursor = anchor
        key = text_key(text)
        if _kept_near(kept, anchor, key):
            continue
        if not _story_follows(place, kept, anchor, _MAX_STACKED) or not _candidate(heading, text):
            continue
        if missing is None:
            missing = _missing_copies(kept, tree)
        chained = next(text_siblings(place, preceding=True), None) in restored
        if not chained and anchor >= 0 and missing[kept.keys[anchor]] > 0:
            # The page prints the block before the heading more often than the
            # engine kept it (it dropped a repeat): which copy is ours is unknown,
            # so the heading goes before the paragraph that follows it.
            anchor = _anchor_after(place, kept, cursor)
            if anchor is None:
                continue
        if missing[key] <= 0:
            continue
        missing[key] -= 1
        restored[place] = anchor
        inserts.setdefault(anchor, []).append(text)
    return with_inserts(blocks, inserts)


def _placed(heading: HtmlElement) -> HtmlElement:
    """Where the heading stands among the story's blocks: itself, or the box it is
    wrapped in alone ("<div class='title-wrapper'><h2>…</h2></div>" beside the box
    of the section's paragraphs), whose siblings are the story's blocks."""
    place = heading
    for _ in range(_WRAPPER_LEVELS):
        parent = place.getparent()
        if parent is None or parent.tag in ("body", "html") or not _alone_in(parent, place):
            break
        place = parent
    return place


def _alone_in(box: HtmlElement, element: HtmlElement) -> bool:
    """Whether `element` is all that `box` prints."""
    if (box.text or "").strip():
        return False
    return all(
        not (child.tail or "").strip()
        and (
            child is element
            or not isinstance(child.tag, str)
            or child.tag in UNPRINTED_TAGS
            or not holds_text(child)
        )
        for child in box
    )


class _Kept:
    """The engine's blocks, keyed, with where each key stands."""

    def __init__(self, blocks: list[str]) -> None:
        self.keys = [text_key(block) for block in blocks]
        self.length = sum(len(key) for key in self.keys)
        self.position = block_positions(blocks)
        self.indices: dict[str, list[int]] = {}
        for index, key in enumerate(self.keys):
            self.indices.setdefault(key, []).append(index)

    def after(self, key: str, cursor: int) -> int | None:
        """Where the block of `key` stands; for a block kept more than once, its
        first copy past `cursor`. (A block kept once stands where it stands: the
        engine may have kept a section out of the page's order.) A stray glyph (an
        icon read as "â") places nothing."""
        indices = self.indices.get(key, []) if len(key) >= _MIN_ANCHOR_KEY else []
        if len(indices) == 1:
            return indices[0]
        found = bisect.bisect_right(indices, cursor)
        return indices[found] if found < len(indices) else None


def _missing_copies(kept: _Kept, tree: HtmlElement) -> Counter[str]:
    """For each text, how many more times the page prints it as a block (a heading,
    a paragraph, a list item) than the engine kept it. A heading kept in its
    place is no loss, nor is "Cons" over each of five products kept five times; a
    list naming the sections ("Raised wall", "Tidal barrier") does not stand for
    the headings that repeat its items."""
    printed: Counter[str] = Counter()
    for count, element in enumerate(tree.iter("p", "li", *SUBHEADINGS)):
        if count >= _MAX_BLOCKS:
            break
        # An item printed as a paragraph inside (<li><p>…</p></li>) is one copy.
        if element.tag == "li" and element.find(".//p") is not None:
            continue
        key = text_key(element.text_content())
        # A table of contents' entry links to the heading; it prints no copy.
        if key and linked_chars(element) <= _MAX_LINK_SHARE * len(key):
            printed[key] += 1
    return printed - Counter(kept.keys)


def _candidate(heading: HtmlElement, text: str) -> bool:
    """A heading the engine dropped that may be the story's (see the module docstring);
    `text` is what it prints."""
    if not text or len(text) > _MAX_HEADING_CHARS:
        return False
    if is_boilerplate(text) or linked_chars(heading) > _MAX_LINK_SHARE * len(text):
        return False
    if next(heading.iterancestors("a"), None) is not None:
        return False  # a teaser card: the link wraps the heading and its blurb
    if inside_boxes(heading, FURNITURE_BOXES):
        return False
    return not any(is_hidden_box(e) for e in (heading, *heading.iterancestors()))


def _kept_near(kept: _Kept, anchor: int, key: str) -> bool:
    """Whether the engine kept the heading in its place (a caption or a stray line
    may stand between it and the block it follows; placed before the paragraph
    after it, the heading kept may be the block at `anchor` itself), whole or split
    at its line breaks ("Feed specifications<br>The complete walk-through")."""
    near = kept.keys[max(anchor - 1, 0) : anchor + 1 + _NEAR]
    return any(
        "".join(near[start:end]) == key
        for start in range(len(near))
        for end in range(start + 1, min(start + _MAX_STACKED, len(near)) + 1)
    )


def _anchor_before(
    heading: HtmlElement, kept: _Kept, restored: dict[HtmlElement, int], cursor: int
) -> int | None:
    """Index of the kept block the heading follows on the page, if the story's."""
    before = next(text_siblings(heading, preceding=True), None)
    if before is None:
        # The heading opens its box (a listicle's item: "<h6>1. Buy in bulk</h6>
        # <p>…</p>"), which follows the story's text (the item before, the
        # introduction): its place is before the kept paragraph that follows it.
        if _box_follows_story(heading, kept):
            return _anchor_after(heading, kept, cursor)
        # Or it opens the story's own box (a standfirst set as a heading, the first
        # section's title): its place may be before the first kept block.
        return (
            _anchor_after(heading, kept, cursor, at_start=True)
            if _opens_story_box(heading, kept)
            else None
        )
    if before in restored:
        return restored[before]
    if before.tag in SUBHEADINGS:
        return kept.after(text_key(printed_text(before)), cursor)
    if before.tag in LIST_TAGS:
        found = _kept_list_end(before, kept, cursor)
    else:
        first = kept_block(before, kept.position, last=True)
        if first is None:
            # A box the engine kept as one block (a callout, a table's one cell).
            first = kept.position.get(text_key(before.text_content()))
        # The block may be printed more than once (a repeated line): its copy past
        # the previous heading's place.
        found = None if first is None else kept.after(kept.keys[first], cursor)
    return found if found is not None else _anchor_after(heading, kept, cursor)


def _box_follows_story(heading: HtmlElement, kept: _Kept) -> bool:
    """Whether the box the heading opens (or the box holding that one) comes right
    after the story's text: its nearest sibling before it that holds text ends in a
    paragraph the engine kept. A sidebar's "Recent posts" follows another widget."""
    box = heading.getparent()
    for _ in range(_BOX_LEVELS):
        if box is None:
            return False
        before = next(text_siblings(box, preceding=True), None)
        if before is not None:
            # (iter includes `before` itself when it is the paragraph.) An empty
            # paragraph closing the introduction's box is no text of it.
            paragraphs = [p for p in before.iter("p") if holds_text(p)]
            return bool(paragraphs) and (
                kept_block(paragraphs[-1], kept.position, last=True) is not None
            )
        box = box.getparent()
    return False


def _opens_story_box(heading: HtmlElement, kept: _Kept) -> bool:
    """Whether the box the heading opens holds most of the story the engine kept, as
    paragraphs, items and subheadings: the story's container. A sidebar widget's
    heading ("Find care") opens a box of a line or two, even when the engine kept
    that line."""
    box = heading.getparent()
    if box is None or box.tag in ("body", "html"):
        return False
    inside = 0
    for block in box.iter("p", "li", *SUBHEADINGS):
        key = text_key(block.text_content())
        if key in kept.position:
            inside += len(key)
    return inside >= _STORY_BOX_SHARE * kept.length


def _anchor_after(
    heading: HtmlElement, kept: _Kept, cursor: int, *, at_start: bool = False
) -> int | None:
    """The kept block before the paragraph that follows the heading, when the engine
    dropped what comes just before the heading (a line it read as a repeat: the
    third "Timeline estimate: 1 to 2 weeks") but kept the story on both sides.
    Subheadings between them (the section's first h3 under its h2) are passed over,
    up to the one the engine kept."""
    first = None
    for after in itertools.islice(text_siblings(heading, preceding=False), _MAX_STACKED):
        if after.tag not in SUBHEADINGS:
            paragraph = _opening_paragraph(after)
            first = None if paragraph is None else kept_block(paragraph, kept.position, last=False)
            break
        first = kept.position.get(text_key(printed_text(after)))
        if first is not None:
            break
    found = None if first is None else kept.after(kept.keys[first], cursor)
    if found is None or (found == 0 and not at_start):
        return None
    return found - 1


def _item_keys(listing: HtmlElement) -> list[str]:
    return [text_key(item.text_content()) for item in listing if item.tag == "li"]


def _kept_list_end(listing: HtmlElement, kept: _Kept, cursor: int) -> int | None:
    """Index of the list's last item when the engine kept the whole list, item by item,
    in one run past `cursor` (a template that prints a section twice, for phones and
    for desktops, leaves the same items elsewhere too)."""
    keys = _item_keys(listing)
    if not keys:
        return None
    for start in kept.indices.get(keys[0], []):
        if start > cursor and kept.keys[start : start + len(keys)] == keys:
            return start + len(keys) - 1
    return None


def _story_follows(heading: HtmlElement, kept: _Kept, anchor: int, depth: int) -> bool:
    """Whether what the page prints after the heading is the story's text."""
    after = next(text_siblings(heading, preceding=False), None)
    if after is None:
        return False
    if after.tag in LIST_TAGS:
        # A list the list rule puts back under the heading, or one the engine kept
        # right there.
        keys = _item_keys(after)
        first = kept.after(keys[0], anchor) if keys else None
        return words_list(after) and (first is None or anchor < first <= anchor + _NEAR)
    if after.tag in SUBHEADINGS:
        if text_key(after.text_content()) in kept.position:
            return True
        return (
            depth > 1
            and _candidate(after, printed_text(after))
            and _story_follows(after, kept, anchor, depth - 1)
        )
    paragraph = _opening_paragraph(after)
    return paragraph is not None and kept_block(paragraph, kept.position, last=False) is not None


def _opening_paragraph(element: HtmlElement | None) -> HtmlElement | None:
    """The element, or the paragraph a box of text opens with (a theme's rich-text
    field: <h6>1. Buy in bulk</h6><div class="rte"><p>…</p><p>…</p></div>)."""
    if element is None or element.tag == "p":
        return element
    if element.tag in LIST_TAGS or element.tag in SUBHEADINGS:
        return None
    paragraph = next((p for p in element.iter("p") if holds_text(p)), None)
    if paragraph is None:
        return None
    # Nothing printed before it in the box: its key opens the box's key.
    opening = text_key(paragraph.text_content())
    return paragraph if text_key(element.text_content()).startswith(opening) else None
