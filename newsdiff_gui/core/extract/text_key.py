"""How extraction tells that two texts are the same block of a page.

Letters and digits only, case-folded: the same words match whatever spacing,
punctuation or markup split them (a block as the engine joined it, the page
element it was read from, a paragraph as stored). Also read here, once for every
rule that puts blocks back: where each kept block stands, and how much of an
element's text its links hold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from lxml.html import HtmlElement

from newsdiff_gui.core.normalize import clean_text

# Elements whose text a browser never prints.
UNPRINTED_TAGS = frozenset({"script", "style", "noscript", "template"})
# Elements that hold blocks of text of their own: a <p> or a line holding one is a box.
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "ul", "ol", "li", "table", "blockquote", "figure"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "dl", "dd", "dt", "pre", "td", "th"}
)
# Bulleted and numbered lists.
LIST_TAGS = frozenset({"ul", "ol"})
# Headings, and a story's subheadings (its <h1> is the headline).
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SUBHEADINGS = HEADINGS - {"h1"}
# A rule reads at most this many of a page's links: a bound on hostile pages.
MAX_LINKS_CHECKED = 3000
_NON_ALNUM = re.compile(r"[\W_]+")
# A sentence's last stop, a closing quote or bracket after it.
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)]?\s*$")
_ALNUM = re.compile(r"[^\W_]")
# The rules of one extraction key the same blocks over and over (each looks up the
# engine's blocks in the page); a block's key is kept for the next. Longer texts (a
# whole box's text) are keyed each time, so the cache stays small.
_CACHED_CHARS = 2000
_CACHED_KEYS = 4096


# Every ASCII character that is not a letter or a digit: what a key drops.
_ASCII_NON_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


def _key(text: str) -> str:
    if text.isascii():
        # Most blocks are plain ASCII: deleting bytes is many times faster than the
        # pattern (both keep exactly the letters and digits; see the tests).
        return text.lower().encode("ascii").translate(None, _ASCII_NON_ALNUM).decode("ascii")
    return _NON_ALNUM.sub("", text.casefold())


_cached_key = lru_cache(maxsize=_CACHED_KEYS)(_key)


def text_key(text: str) -> str:
    return _cached_key(text) if len(text) <= _CACHED_CHARS else _key(text)


def text_length(blocks: Sequence[str]) -> int:
    """How many characters a reading's blocks hold."""
    return sum(len(block) for block in blocks)


def holds_text(element: HtmlElement) -> bool:
    """Whether the element's text has a key (a letter or a digit), read only as far
    as the first: `text_key(element.text_content())` keyed a whole box to learn it."""
    return any(_ALNUM.search(piece) for piece in element.itertext())


def block_positions(blocks: Sequence[str]) -> dict[str, int]:
    """Each kept block's key and the index of its first occurrence in `blocks`."""
    position: dict[str, int] = {}
    for index, block in enumerate(blocks):
        position.setdefault(text_key(block), index)
    return position


def linked_chars(element: HtmlElement) -> int:
    """How many characters of the element's (cleaned) text its links hold."""
    return sum(len(clean_text(a.text_content())) for a in element.iter("a"))


def with_inserts(blocks: list[str], inserts: dict[int, list[str]]) -> list[str]:
    """`blocks` with each list of `inserts` put back after the block at its index
    (at index -1: before the first block)."""
    if not inserts:
        return blocks
    result: list[str] = list(inserts.get(-1, ()))
    for index, block in enumerate(blocks):
        result.append(block)
        result.extend(inserts.get(index, ()))
    return result


# Deep enough for any printed block; a bound on hostile nesting, not a rule.
_MAX_LINE_DEPTH = 200


def printed_lines(element: HtmlElement) -> list[str]:
    """The element's text split where the page breaks the line (`<br>`), each cleaned."""
    pieces: list[list[str]] = [[]]

    def collect(node: HtmlElement, depth: int) -> None:
        if node.text:
            pieces[-1].append(node.text)
        for child in node:
            if child.tag == "br":
                pieces.append([])
            elif (
                depth < _MAX_LINE_DEPTH
                and isinstance(child.tag, str)
                and child.tag not in UNPRINTED_TAGS  # a script in a list item
            ):
                collect(child, depth + 1)
            if child.tail:
                pieces[-1].append(child.tail)

    collect(element, 0)
    return [text for text in (clean_text("".join(piece)) for piece in pieces) if text]


def printed_text(element: HtmlElement) -> str:
    """The element's text as one line: a line break parts words ("WEEKEND<br>CODING"
    is "WEEKEND CODING"), and a script or style inside prints nothing."""
    return " ".join(printed_lines(element))


def ends_sentence(text: str) -> bool:
    """Whether the text ends as a sentence does ("… on his side.", "… he said.”")."""
    return _SENTENCE_END.search(text) is not None
