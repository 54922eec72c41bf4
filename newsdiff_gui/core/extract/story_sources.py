"""The story's sources, printed as one labelled line right after it, are its text.

Science and health stories close with the paper they report ("More information:
G. Petit et al. Hibernation and torpor, Handbook of Life Support Systems (2018).
DOI: …"), guides with the pages they drew on ("Sources: Smartphone basics,
Green Phones, 2023; iPhone user guide, Apple"). The engine drops such a line (a
box of its own, a heading's tag, mostly links), so a changed citation (another
paper, another year) made no version, though it is what a fact-checker checks
first. The line is put back after the story's last kept block when:
- it opens with a label naming the story's sources ("Sources:", "References:",
  "More information:", "Journal reference:", "Bibliography:") and goes on, in
  the same element, to cite them;
- it follows the story's last kept block as its sibling, or as the sibling of
  the box holding it, with at most a few boxes the engine left out in between
  (an "Explore further" teaser, a rule);
- it is shown, outside navigation, headers, footers, asides and forms.
A heading over a list of references is read by the rules for headings and lists;
a source line under a picture ("Source: Reuters") is the picture's credit.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import (
    FURNITURE_BOXES,
    inside_boxes,
    is_hidden_box,
    printed_element,
)
from newsdiff_gui.core.extract.lists import text_siblings
from newsdiff_gui.core.extract.text_key import printed_text, text_key

_LABEL = re.compile(
    r"(?:sources|references|more information|journal references?|bibliography|works cited)"
    r"\s*:\s*",
    re.IGNORECASE,
)
_MIN_CITATION_CHARS = 20
_MAX_LINE_CHARS = 2000
# Boxes the engine left out between the story's end and its sources line.
_MAX_PASSED = 3
# How far up from the last kept block the story's box may be.
_BOX_LEVELS = 2
_LINE_TAGS = frozenset({"p", "div", "section", "h2", "h3", "h4", "h5", "h6"})


def restore_story_sources(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the story's sources line put back after its last block."""
    if not blocks:
        return blocks
    last = printed_element(blocks[-1], tree)
    if last is None:
        return blocks
    element: HtmlElement | None = last
    for _ in range(_BOX_LEVELS + 1):
        if element is None or element.tag in ("body", "html"):
            return blocks
        line = _sources_after(element)
        if line is not None:
            return blocks if text_key(line) in map(text_key, blocks) else [*blocks, line]
        element = element.getparent()
    return blocks


def _sources_after(element: HtmlElement) -> str | None:
    """The sources line among the few siblings after `element`, if there is one."""
    for sibling in islice(text_siblings(element, preceding=False), _MAX_PASSED + 1):
        if sibling.tag not in _LINE_TAGS:
            continue
        text = printed_text(sibling)
        label = _LABEL.match(text)
        if (
            label is not None
            and len(text) - label.end() >= _MIN_CITATION_CHARS
            and len(text) <= _MAX_LINE_CHARS
            and not is_hidden_box(sibling)
            and not inside_boxes(sibling, FURNITURE_BOXES)
        ):
            return text
    return None
