"""A line of the page's tags ("Filed under: Khawarij |") is metadata, not the story.

Editors retag stories and templates print the tags as a line of links under the
headline or the body; a retagged story is the same story, so the line must never
make a version. A line is read as tags by its links, never its class names:
- its links point into the site's taxonomy: the HTML `rel="tag"` (or WordPress's
  `rel="category"`), or an address under a tag, category or topic path
  (`/tag/climate`, `/categories/politics/`), and it has no other link;
- it holds two such links or more, or one after a label ending in a colon;
- its other words, once dates and stamps are taken out, are a short label
  ("Filed under", "Essay - Published") and it does not end as a sentence does,
  so "The minister resigned over <a href=/topic/brexit>Brexit</a>." stays.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.stamps import without_stamps
from newsdiff_gui.core.extract.text_key import MAX_LINKS_CHECKED, text_key
from newsdiff_gui.core.normalize import clean_text

_TAXONOMY_PATH = re.compile(r"/(?:tags?|category|categories|topics?|labels?)/", re.IGNORECASE)
_TAXONOMY_REL = frozenset({"tag", "category"})
_LINE_TAGS = frozenset({"p", "div", "li", "dd", "section", "footer", "header", "span"})
_MAX_LINE_WORDS = 30
_MAX_LABEL_WORDS = 4
_MIN_TAGS = 2
_MAX_LINE_DEPTH = 3
_SEPARATORS = re.compile(r"[\s|·•,;:/\-–—»>]+")


def _is_taxonomy(anchor: HtmlElement) -> bool:
    if _TAXONOMY_REL & set((anchor.get("rel") or "").lower().split()):
        return True
    href = anchor.get("href") or ""
    # The path is part of the address: one naming no taxonomy anywhere (most of a
    # page's links) is not parsed.
    if _TAXONOMY_PATH.search(href) is None:
        return False
    try:
        path = urlsplit(href).path
    except ValueError:  # a malformed address names no taxonomy
        return False
    return _TAXONOMY_PATH.search(path) is not None


def _line_of(anchor: HtmlElement) -> HtmlElement | None:
    for depth, ancestor in enumerate(anchor.iterancestors()):
        if depth >= _MAX_LINE_DEPTH:
            return None
        if ancestor.tag in _LINE_TAGS:
            return ancestor
    return None


def _is_tag_line(line: HtmlElement) -> bool:
    text = clean_text(line.text_content())
    if len(text.split()) > _MAX_LINE_WORDS or text.endswith((".", "!", "?")):
        return False
    links = [a for a in line.iter("a") if text_key(a.text_content())]
    if not links or not all(_is_taxonomy(a) for a in links):
        return False
    before_first = clean_text(line.text or "")
    if len(links) < _MIN_TAGS and not before_first.endswith(":"):
        return False
    rest = text
    for link in links:
        rest = rest.replace(clean_text(link.text_content()), " ", 1)
    words = [word for word in _SEPARATORS.split(without_stamps(rest)) if word]
    return len(words) <= _MAX_LABEL_WORDS


def drop_tag_lines(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` without the lines that print the page's tags."""
    if not blocks:
        return blocks
    kept = {text_key(block) for block in blocks}
    lines: dict[HtmlElement, bool] = {}
    for count, anchor in enumerate(tree.iter("a")):
        if count >= MAX_LINKS_CHECKED:
            break
        line = _line_of(anchor) if _is_taxonomy(anchor) else None
        if line is not None and line not in lines:
            lines[line] = text_key(line.text_content()) in kept and _is_tag_line(line)
    tags = {text_key(line.text_content()) for line, is_tags in lines.items() if is_tags}
    return [block for block in blocks if text_key(block) not in tags] if tags else blocks
