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
  rule (a section's h2 over its first h3);
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

import itertools
from collections import Counter

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES, inside_boxes, is_hidden_box
from newsdiff_gui.core.extract.lists import kept_block, text_siblings, words_list
from newsdiff_gui.core.extract.text_key import (
    SUBHEADINGS,
    block_positions,
    linked_chars,
    printed_lines,
    text_key,
    with_inserts,
)

_LISTS = frozenset({"ul", "ol"})
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


def restore_subheadings(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the story's dropped subheadings put back where the page prints them."""
    if not blocks:
        return blocks
    position = block_positions(blocks)
    restored: dict[HtmlElement, int] = {}
    inserts: dict[int, list[str]] = {}
    missing: Counter[str] | None = None
    headings = list(itertools.islice(tree.iter(*SUBHEADINGS), _MAX_HEADINGS))
    for heading in headings:
        # Cheap tests first: on most pages the engine kept every heading in its place.
        text = _printed(heading)
        anchor = _anchor_before(heading, blocks, position, restored) if text else None
        key = text_key(text)
        if anchor is None or _kept_near(blocks, anchor, key):
            continue
        if not _story_follows(heading, position, anchor, _MAX_STACKED) or not _candidate(heading):
            continue
        if missing is None:
            missing = _missing_copies(blocks, tree, {text_key(_printed(h)) for h in headings})
        if missing[key] <= 0:
            continue
        missing[key] -= 1
        restored[heading] = anchor
        inserts.setdefault(anchor, []).append(text)
    return with_inserts(blocks, inserts)


def _missing_copies(blocks: list[str], tree: HtmlElement, keys: set[str]) -> Counter[str]:
    """For each of `keys`, how many more times the page prints it as a block (a
    heading, a paragraph, a list item) than the engine kept it. A heading kept in its
    place is no loss, nor is "Cons" over each of five products kept five times; a
    list naming the sections ("Raised wall", "Tidal barrier") does not stand for
    the headings that repeat its items."""
    printed: Counter[str] = Counter()
    for count, element in enumerate(tree.iter("p", "li", *SUBHEADINGS)):
        if count >= _MAX_BLOCKS:
            break
        key = text_key(element.text_content())
        # A table of contents' entry links to the heading; it prints no copy.
        if key in keys and linked_chars(element) <= _MAX_LINK_SHARE * len(key):
            printed[key] += 1
    kept = Counter(key for key in map(text_key, blocks) if key in keys)
    return printed - kept


def _candidate(heading: HtmlElement) -> bool:
    """A heading the engine dropped that may be the story's (see the module docstring)."""
    text = _printed(heading)
    if not text or len(text) > _MAX_HEADING_CHARS:
        return False
    if is_boilerplate(text) or linked_chars(heading) > _MAX_LINK_SHARE * len(text):
        return False
    if inside_boxes(heading, FURNITURE_BOXES):
        return False
    return not any(is_hidden_box(e) for e in (heading, *heading.iterancestors()))


def _kept_near(blocks: list[str], anchor: int, key: str) -> bool:
    """Whether the engine kept the heading in its place (a caption or a stray line
    may stand between it and the block it follows)."""
    return any(text_key(block) == key for block in blocks[anchor + 1 : anchor + 1 + _NEAR])


def _printed(heading: HtmlElement) -> str:
    # A line break parts words ("Gender<br>Required for:"); a style inside prints nothing.
    return " ".join(printed_lines(heading))


def _anchor_before(
    heading: HtmlElement,
    blocks: list[str],
    position: dict[str, int],
    restored: dict[HtmlElement, int],
) -> int | None:
    """Index of the kept block the heading follows on the page, if the story's."""
    before = next(text_siblings(heading, preceding=True), None)
    if before is None:
        return None
    if before in restored:
        return restored[before]
    if before.tag in SUBHEADINGS:
        return position.get(text_key(_printed(before)))
    if before.tag in _LISTS:
        return _kept_list_end(before, blocks)
    return kept_block(before, position, last=True)


def _item_keys(listing: HtmlElement) -> list[str]:
    return [text_key(item.text_content()) for item in listing if item.tag == "li"]


def _kept_list_end(listing: HtmlElement, blocks: list[str]) -> int | None:
    """Index of the list's last item when the engine kept the whole list, item by item,
    in one run (a template that prints a section twice, for phones and for desktops,
    leaves the same items elsewhere too)."""
    keys = _item_keys(listing)
    if not keys:
        return None
    block_keys = [text_key(block) for block in blocks]
    for start in range(len(block_keys) - len(keys) + 1):
        if block_keys[start : start + len(keys)] == keys:
            return start + len(keys) - 1
    return None


def _story_follows(heading: HtmlElement, position: dict[str, int], anchor: int, depth: int) -> bool:
    """Whether what the page prints after the heading is the story's text."""
    after = next(text_siblings(heading, preceding=False), None)
    if after is None:
        return False
    if after.tag in _LISTS:
        # A list the list rule puts back under the heading, or one the engine kept
        # right there.
        first = position.get(_item_keys(after)[0]) if _item_keys(after) else None
        return words_list(after) and (first is None or anchor < first <= anchor + _NEAR)
    if after.tag in SUBHEADINGS:
        if text_key(after.text_content()) in position:
            return True
        return (
            depth > 1 and _candidate(after) and _story_follows(after, position, anchor, depth - 1)
        )
    return kept_block(after, position, last=False) is not None
