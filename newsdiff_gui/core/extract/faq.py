"""A guide's questions and answers, stated as its FAQ and printed on it, are article text.

Guides and explainers end with questions and answers ("How much does a move
across state lines cost?"), printed as an accordion: each question a button or
a <summary> that opens its answer. The engine drops buttons (controls, not
text) and often the whole accordion (a box set apart after the body, in the
article's <footer>), so the answer was stored without its question or not at
all, and an edit to either ("Google Analytics 4" -> "5") made no version.

The page says which questions and answers are its own: the schema.org FAQPage
it states for search engines lists them word for word
(core/extract/structured.py). Those the reading lacks are put back where the
page prints them, in its order, after the kept block printed before them
(first, when they open the page):
- a printed element is an entry's when its whole text is the entry (a
  question, a one-paragraph answer) or a sentence-long part of it (a paragraph
  of an answer written as several); the outermost such element is taken, once
  per text (a page may print its FAQ twice, for phones and for desktops);
- text the reading already holds is not put back, and an entry printed nowhere
  (stated for search engines only) adds nothing.
A question answered by the page's readers (a forum's QAPage) is not an FAQ the
page states, and its answers are comments: only FAQPage entries count.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.text_key import (
    UNPRINTED_TAGS,
    block_positions,
    text_key,
    with_inserts,
)
from newsdiff_gui.core.normalize import clean_text

# A part of an answer this long (key characters) is a sentence, not a word or a
# label that many texts share.
_MIN_PART_KEY = 25
# Bounds for hostile pages: elements read in one page, and characters keyed (each
# level of a deep nest of boxes is read whole, so depth multiplies the page).
_MAX_ELEMENTS = 50_000
_MAX_CHARS_READ = 20_000_000


def restore_faq(blocks: list[str], tree: HtmlElement, entries: Sequence[str]) -> list[str]:
    """`blocks` with the page's stated FAQ entries it prints, and they lack, put back."""
    if not entries or not blocks:
        return blocks
    position = block_positions(blocks)
    kept_text = "\n".join(position)
    missing = [key for key in map(text_key, entries) if key and key not in kept_text]
    if not missing:
        return blocks
    found = _printed_entries(tree, position, "\n".join(missing), kept_text)
    opening = found.pop(-1, [])
    return opening + with_inserts(blocks, found)


def _printed_entries(
    tree: HtmlElement, position: dict[str, int], stated: str, kept_text: str
) -> dict[int, list[str]]:
    """The printed texts of stated entries, by the index of the kept block printed
    before each (-1: none)."""
    body = tree.find("body")
    stack: list[HtmlElement] = [] if body is None else [body]
    anchor = -1
    taken: set[str] = set()
    found: dict[int, list[str]] = {}
    budget = _MAX_CHARS_READ
    for _ in range(_MAX_ELEMENTS):
        if not stack or budget <= 0:
            break
        element = stack.pop()
        text = clean_text(element.text_content())
        budget -= len(text)
        key = text_key(text)
        if not key:
            continue
        kept = position.get(key)
        if kept is not None:
            anchor = kept
            continue  # a kept block: its parts are kept with it
        if key not in taken and key not in kept_text and _is_entry(key, stated):
            taken.add(key)
            found.setdefault(anchor, []).append(text)
            continue
        stack.extend(
            child
            for child in reversed(element)
            if isinstance(child.tag, str) and child.tag not in UNPRINTED_TAGS
        )
    return found


def _is_entry(key: str, stated: str) -> bool:
    """Whether a printed text's key is a stated entry's (`stated`: the entries'
    keys, a line each) or a sentence-long part of one."""
    if len(key) < _MIN_PART_KEY:
        return f"\n{key}\n" in f"\n{stated}\n"
    return key in stated
