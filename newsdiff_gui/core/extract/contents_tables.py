"""A table of contents read as a block is furniture: it repeats the story's headings.

Templates print the story's headings as a list of in-page links ("Table of
Contents · What Is It? · How It Works · FAQs"), often in a rail that collapses
and expands. The engine may keep it as one block; the headings themselves are
kept where the story prints them, so the block adds nothing, and a template's
change to it ("Expand" -> "Collapse", an entry shortened) would make a version.
A block is a table of contents when at least three texts of the page's in-page
links (`href="#…"`) make up nearly all of it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.link_lines import links_inside
from newsdiff_gui.core.extract.text_key import MAX_LINKS_CHECKED, text_key

_MIN_ENTRIES = 3
# Share of the block's text that is not an entry: a label ("Table of Contents",
# "Expand") at most.
_MAX_REST_SHARE = 0.34
_MIN_ENTRY_KEY = 3


def _entry_keys(tree: HtmlElement) -> list[str]:
    keys: list[str] = []
    for count, anchor in enumerate(tree.iter("a")):
        if count >= MAX_LINKS_CHECKED:
            break
        if links_inside(anchor):
            key = text_key(anchor.text_content())
            if len(key) >= _MIN_ENTRY_KEY:
                keys.append(key)
    return keys


def _is_contents(block: str, entries: list[str]) -> bool:
    key = rest = text_key(block)
    found = 0
    for entry in entries:
        if entry in rest:
            rest = rest.replace(entry, "", 1)
            found += 1
    return found >= _MIN_ENTRIES and len(rest) <= _MAX_REST_SHARE * len(key)


def drop_contents_tables(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` without a table of contents the engine kept as a block."""
    entries = _entry_keys(tree) if blocks else []
    if len(entries) < _MIN_ENTRIES:
        return blocks
    return [block for block in blocks if not _is_contents(block, entries)]
