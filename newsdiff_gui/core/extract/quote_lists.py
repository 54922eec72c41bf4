"""A list of quotations, each with who said it, printed after the story is the story's.

Pages print what people said as a list of quotes: reactions to a ruling, what
users of a service say. Each item is the words and a line naming the speaker,
and a carousel lays the list out deep inside wrappers of its own, under a
heading of its own, where the engine drops it. A quote changed or withdrawn
there would make no version, and quotes are what a fact-checker watches. The
list is put back, its heading first, after the kept block it follows, when:
- every item (two or more) is a quotation: one block of words (60 characters
  or more, sentences, not links) and one short line naming who said it that is
  not a date. A comment thread (author, date, text, "Reply"), a review list or
  a list of teasers has another shape;
- nothing lies between the last kept block before it and the list but a heading
  of its own and call-to-action links ("Learn More");
- it sits outside navigation, headers, footers, asides and forms.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.boilerplate import is_boilerplate
from newsdiff_gui.core.extract.furniture import FORM_CONTROLS, FURNITURE_BOXES, inside_boxes
from newsdiff_gui.core.extract.stamps import is_stamp_line
from newsdiff_gui.core.extract.text_key import (
    SUBHEADINGS,
    UNPRINTED_TAGS,
    block_positions,
    holds_text,
    linked_chars,
    text_key,
    with_inserts,
)
from newsdiff_gui.core.normalize import clean_text

# Elements that start a block of their own (an attribution is often a <cite> or a
# <footer> inside the quote's <blockquote>).
_BLOCKS = frozenset(
    {"p", "div", "blockquote", "figure", "figcaption", "footer", "header", "section"}
    | {"cite", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "td", "article"}
)
_UNREAD = UNPRINTED_TAGS | {"br"}
_MIN_QUOTE = 60
_MAX_SOURCE = 160
_MAX_LINK_SHARE = 0.1
_MIN_ITEMS = 2
_MAX_ITEMS = 40
# Bounds for hostile pages: lists looked at, nesting read, blocks read back.
_MAX_LISTS = 400
_MAX_DEPTH = 12
_MAX_BETWEEN = 8
# A call to action is a short link line ("Learn More", "Find Your Membership").
_MAX_CALL = 40


def _leaves(element: HtmlElement, depth: int = 0) -> Iterator[tuple[HtmlElement, str]]:
    """The element's blocks of text in page order: (the innermost block, its text)."""
    if depth > _MAX_DEPTH:
        return
    children = [c for c in element if isinstance(c.tag, str) and c.tag not in _UNREAD]
    if not any(child.tag in _BLOCKS for child in children):
        text = clean_text(element.text_content())
        if text and element.tag not in _UNREAD:
            yield element, text
        return
    loose = clean_text(element.text or "")
    if loose:
        yield element, loose
    for child in children:
        if child.tag in _BLOCKS:
            yield from _leaves(child, depth + 1)
        elif text := clean_text(child.text_content()):
            yield child, text
        if tail := clean_text(child.tail or ""):
            yield element, tail


def _quotation(item: HtmlElement) -> tuple[str, str] | None:
    """The item as one block ("words" and "who said them") and its words, or None when
    it is not a quotation."""
    if any(d.tag in FORM_CONTROLS for d in item.iterdescendants()):
        return None
    texts = [text for _, text in _leaves(item)]
    if len(texts) != 2:
        return None
    words, source = sorted(texts, key=len, reverse=True)
    if (
        len(words) < _MIN_QUOTE
        or len(source) > _MAX_SOURCE
        or is_stamp_line(source)
        or linked_chars(item) > _MAX_LINK_SHARE * len(words)
    ):
        return None
    return " ".join(texts), words


def _may_quote(item: HtmlElement) -> bool:
    """A cheap first look: words enough for a quote, and a block to part it from its
    source (a menu's or a teaser list's items fail here)."""
    return len(item.text_content()) >= _MIN_QUOTE and any(
        d.tag in _BLOCKS for d in item.iterdescendants()
    )


def _quotations(listing: HtmlElement) -> list[tuple[str, str]]:
    items = [child for child in listing if child.tag == "li"]
    if not _MIN_ITEMS <= len(items) <= _MAX_ITEMS or not all(map(_may_quote, items)):
        return []
    quotes = [_quotation(item) for item in items]
    return [quote for quote in quotes if quote is not None] if all(quotes) else []


def _preceding_blocks(listing: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """The blocks printed before the list, nearest first, climbing out of its wrappers."""
    for element in (listing, *listing.iterancestors()):
        for sibling in element.itersiblings(preceding=True):
            if isinstance(sibling.tag, str) and sibling.tag not in _UNREAD and holds_text(sibling):
                yield from reversed(list(_leaves(sibling)))


def _anchor(listing: HtmlElement, position: dict[str, int]) -> tuple[int, list[str]] | None:
    """The kept block the list follows, and the heading between them (if not kept)."""
    headings: list[str] = []
    for count, (element, text) in enumerate(_preceding_blocks(listing)):
        if count >= _MAX_BETWEEN:
            return None
        anchor = position.get(text_key(text))
        if anchor is not None:
            return anchor, headings
        if element.tag in SUBHEADINGS and not headings and not is_boilerplate(text):
            headings.append(text)
        elif not (len(text) <= _MAX_CALL and linked_chars(element) >= len(text)):
            return None
    return None


def restore_quote_lists(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with lists of quotations printed after a kept block put back."""
    if not blocks:
        return blocks
    position = block_positions(blocks)
    inserts: dict[int, list[str]] = {}
    for count, listing in enumerate(tree.iter("ul", "ol")):
        if count >= _MAX_LISTS:
            break
        quotes = _quotations(listing)
        if not quotes or inside_boxes(listing, FURNITURE_BOXES | {"li"}):
            continue
        if any(
            text_key(block) in position or text_key(words) in position for block, words in quotes
        ):
            continue  # the engine has (some of) it already: its reading stands
        found = _anchor(listing, position)
        if found is not None:
            anchor, headings = found
            inserts.setdefault(anchor, []).extend([*headings, *(block for block, _ in quotes)])
    return with_inserts(blocks, inserts)
