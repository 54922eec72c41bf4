"""Blocks the page prints as one link: menu entries and teasers, not the article's words.

A line that is a link and not a sentence ("Jane Doe", "Explore", "To read the full
story", "Opinion Why the budget fails") says whatever the link points to today.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_printed_address
from newsdiff_gui.core.extract.sites import on_this_site, own_outlets
from newsdiff_gui.core.extract.text_key import (
    MAX_LINKS_CHECKED,
    holds_text,
    linked_chars,
    text_key,
)
from newsdiff_gui.core.normalize import clean_text

# Teaser headlines set between paragraphs run to a dozen words and more.
_MAX_LINK_LINE_WORDS = 16
# Share of a line that its links must cover for the line to be a link entry:
# "Editorial Fraser's lasting legacy" is a kicker and a linked headline; a
# sentence with an inline link is far below (between_captures.py reads lines so too).
LINK_LINE_SHARE = 0.66
_LINE_TAGS = frozenset({"p", "div", "span", "section", "aside", "header", "footer", "article"})
_STRUCTURE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd"})
_MAX_LINE_DEPTH = 4
_MIN_LINK_LIST_ITEMS = 2
_MAX_LINK_LIST_ITEM_WORDS = 20
# An item's title is followed by the writer's description of it: a sentence or more,
# mostly the writer's own words.
_MIN_DESCRIPTION_WORDS = 15
_MAX_DESCRIPTION_LINK_SHARE = 0.5
# A button's line points on ("Add to Goodreads To-Read List →", ">> Get Started: …").
_POINTS_ON = re.compile(r"^\s*[\u2192\u203a\u00bb>]|[\u2192\u203a\u00bb>]\s*$")


def links_elsewhere(anchor: HtmlElement) -> bool:
    """A link to another page (or a script's button: "Back", "Print") that reads as a
    teaser or furniture. A link into the page, or an anchor with no address (a table
    of contents' entry), is the page's own structure; one that prints its own address
    (a cited source) says where it points, and an edit to it is an edit."""
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith("#"):
        return False
    return not is_printed_address(anchor.text_content())


def _is_link_list(listing: HtmlElement) -> bool:
    """A list whose every item is (nearly all) one link to another page: related
    stories, "more on this", a section's latest headlines. A list of sources or
    steps has words around its links; a table of contents points into the page."""
    items = [child for child in listing if child.tag == "li"]
    if len(items) < _MIN_LINK_LIST_ITEMS:
        return False
    for item in items:
        item_key = text_key(item.text_content())
        anchors = [a for a in item.iter("a") if links_elsewhere(a)]
        if not item_key or not any(
            len(text_key(a.text_content())) >= LINK_LINE_SHARE * len(item_key) for a in anchors
        ):
            return False
    return True


def _line_of(anchor: HtmlElement, link_lists: dict[HtmlElement, bool]) -> HtmlElement | None:
    """The block the link sits in; None when that is a heading or a list item, whose
    links are the article's structure (listicles, source lists) and stay, unless
    the item belongs to a list of nothing but links (see _is_link_list)."""
    for depth, ancestor in enumerate(anchor.iterancestors()):
        if depth >= _MAX_LINE_DEPTH:
            return None
        if ancestor.tag == "li":
            listing = ancestor.getparent()
            if listing is None or listing.tag not in ("ul", "ol"):
                return None
            if listing not in link_lists:
                link_lists[listing] = _is_link_list(listing)
            return ancestor if link_lists[listing] else None
        if ancestor.tag in _STRUCTURE_TAGS:
            return None
        if ancestor.tag in _LINE_TAGS:
            return ancestor
    return None


def _titles_an_item(
    line: HtmlElement, anchor: HtmlElement, outlets: Callable[[], frozenset[str]]
) -> bool:
    """Whether the line is the title of what the writer describes next: a link to
    another site (a book, a product, a restaurant) with a paragraph about it right
    after, buttons aside ("<a href=…>Drawing on the Right Side of the Brain</a>" /
    "This is the first book you should take on…"). A teaser or a menu entry points to the
    outlet's own pages, and what follows it is not about it."""
    href = anchor.get("href") or ""
    # A path is this site's whatever the outlet's name; only an address asks for it.
    if on_this_site(href, frozenset()) or on_this_site(href, outlets()):
        return False
    if _POINTS_ON.search(line.text_content()):
        return False
    following = (s for s in line.itersiblings() if isinstance(s.tag, str) and holds_text(s))
    # One button between the title and its description ("Buy it on …") is passed
    # over; a run of link lines is a list of links, each followed by another.
    for sibling in itertools.islice(following, 2):
        if sibling.tag in ("ul", "ol"):
            return False
        text = clean_text(sibling.text_content())
        if linked_chars(sibling) < _MAX_DESCRIPTION_LINK_SHARE * len(text):
            return len(text.split()) >= _MIN_DESCRIPTION_WORDS
    return False


def _link_line_keys(
    tree: HtmlElement, blocks: str, outlets: Callable[[], frozenset[str]]
) -> set[str]:
    """Keys of the page's lines that are (nearly all) one link's text, among those whose
    link's text is part of `blocks` (the keys of the candidate blocks, joined)."""
    keys: set[str] = set()
    line_keys: dict[HtmlElement, str] = {}  # a menu's links share one line: read it once
    link_lists: dict[HtmlElement, bool] = {}
    for count, anchor in enumerate(tree.iter("a")):
        if count >= MAX_LINKS_CHECKED:
            break
        # Most of a page's links print words no candidate block holds: that is
        # asked first, as it is the cheapest question.
        anchor_key = text_key(anchor.text_content())
        if not anchor_key or anchor_key not in blocks:
            continue
        # In-page links are a table of contents repeating the story's subheadings.
        if not links_elsewhere(anchor):
            continue
        line = _line_of(anchor, link_lists)
        if line is None or _titles_an_item(line, anchor, outlets):
            continue
        line_key = line_keys.get(line)
        if line_key is None:
            text = line.text_content()
            # A headline in a list of links may run longer than a menu entry.
            limit = _MAX_LINK_LIST_ITEM_WORDS if line.tag == "li" else _MAX_LINK_LINE_WORDS
            line_key = line_keys[line] = text_key(text) if len(text.split()) <= limit else ""
        if line_key and len(anchor_key) >= LINK_LINE_SHARE * len(line_key):
            keys.add(line_key)
    return keys


def drop_link_lines(blocks: list[str], tree: HtmlElement, url: str | None) -> list[str]:
    """Drop short blocks that the page prints as (nearly all) one link.

    A line that is a link and not a sentence ("Jane Doe", "Explore", "To read the
    full story", "Opinion Why the budget fails") is a menu entry, a share link, a
    teaser: its text is whatever the link points to today, not the article's words.
    The title of an item the writer describes (see _titles_an_item) stays.
    """
    short = [
        block
        for block in blocks
        if len(block.split()) <= _MAX_LINK_LIST_ITEM_WORDS
        and not block.endswith((".", "!", "?", '"'))
    ]
    if not short:
        return blocks
    keys = "\n".join(text_key(block) for block in short)
    lines = _link_line_keys(tree, keys, functools.cache(lambda: own_outlets(tree, url)))
    short_set = set(short)
    return [block for block in blocks if block not in short_set or text_key(block) not in lines]
