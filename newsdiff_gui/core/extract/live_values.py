"""Live market figures inside a story's sentences are not the story's text.

Business pages print a live quote after a company's name in running text: "Shares in
<a>Harbour Insurance</a> <span>-2.1%</span> fell …", a custom element the page's
script keeps current (`<x-quote field="change">+1.24%</x-quote>`), a chip wrapping
the ticker and its change. The figure moves all trading day while the story stands
still, so read as part of the sentence every check during market hours would be a
new version.

Recognised by structure, never by a site's class names:
- an element of the page's own kind (a custom element: its name holds a hyphen)
  whose whole text is a signed change ("+1.24%", "▲ 3.1%") is a value the page's
  script keeps current, and so is one printing a price inside a link or right
  after one (the quote's name);
- an inline element whose whole text is a signed change ("-0.82", "(+1.2%)") set
  inside a link or right after one is a quote's change. A writer's figures are
  words of the sentence, not a signed number hung on a link.
The ticker or name stays (it is the sentence's word); only the moving figure goes.
"""

from __future__ import annotations

import re
from itertools import chain, islice

from lxml import etree
from lxml.html import HtmlElement

# A figure and nothing else: "189.32", "$1,204.5", "+1.24%", "(−0.8%)", "▲ 3.1%".
_FIGURE = re.compile(r"^\(?\s*(?:[+\-−–▲▼△▽↑↓]\s?)?[$€£¥]?\d[\d,]*(?:\.\d+)?\s?%?\s*\)?$")
# A change: the same with its sign.
_CHANGE = re.compile(r"^\(?\s*(?:[+\-−–]|[▲▼△▽↑↓]\s?)[$€£¥]?\d[\d,]*(?:\.\d+)?\s?%?\s*\)?$")
_INLINE = frozenset({"span", "a", "b", "strong", "small", "em", "i", "sup", "sub", "data"})
# A quote's figure is a price or a change: it has a decimal part, a percentage or a
# currency ("+0.21%", "-0.82", "$18.62"); a bare count ("+10" more photos, a note's
# "10") is not one.
_QUOTE_MARK = re.compile(r"%|\.\d|[$€£¥]")
# Punctuation that closes up to the word before once the figure between is gone.
_CLOSING = (")", "]", ",", ".", ";", ":")
# What may stand between a quote's name and its figure.
_BETWEEN = frozenset({"", "("})
# A figure is short; a longer text is not one (and is not read twice to learn it).
_MAX_FIGURE_CHARS = 24
# A figure's element may hold indentation around it, not more.
_MAX_RAW_CHARS = 200
_DIGIT = re.compile(r"\d")
# A chip nests its figure in a wrapper or two; deeper is not a chip.
_MAX_WRAPPERS = 3
# Blocks of running text, list items included: a markets brief lists its movers.
_TEXT_BLOCKS = frozenset(
    {"p", "li", "dd", "blockquote", "figcaption", "h2", "h3", "h4", "h5", "h6"}
)
# A figure sits a few inline levels inside its block; deeper is layout, not a sentence.
_MAX_BLOCK_LEVELS = 8
_CUSTOM_ELEMENTS = etree.XPath("//*[contains(local-name(), '-')]")
# A bound on hostile pages: this many elements are read at most.
_MAX_ELEMENTS = 200_000


def _short_text(element: HtmlElement) -> str | None:
    """The element's text with its spaces collapsed, or None once it runs past a
    figure's length (read only that far: a wrapper may hold a whole page)."""
    pieces: list[str] = []
    printed = 0
    for piece in element.itertext():
        printed += len("".join(piece.split()))
        if printed > _MAX_FIGURE_CHARS:
            return None
        pieces.append(piece)
    return " ".join("".join(pieces).split())


def _text_block(element: HtmlElement) -> HtmlElement | None:
    """The block of running text the element is printed in, if it is in one."""
    for level, ancestor in enumerate(element.iterancestors()):
        if level >= _MAX_BLOCK_LEVELS:
            return None
        if ancestor.tag in _TEXT_BLOCKS:
            return ancestor
    return None


def _follows_link(element: HtmlElement) -> bool:
    """Whether a link is printed right before the element, nothing but spaces (and an
    opening bracket) between."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        if (previous.tail or "").strip():
            return False  # a comment's tail: text between them
        previous = previous.getprevious()
    return (
        previous is not None and previous.tag == "a" and (previous.tail or "").strip() in _BETWEEN
    )


def _inside_link(element: HtmlElement, block: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is block:
            return False
        if ancestor.tag == "a":
            return True
    return False


def _is_quote_change(element: HtmlElement, text: str, block: HtmlElement) -> bool:
    """A figure (`text`, the element's) hung on a quote's link: inside the link, or
    right after it (itself, or the wrappers around it that hold nothing else)."""
    if _inside_link(element, block):
        return True
    node = element
    for _ in range(_MAX_WRAPPERS + 1):
        if _follows_link(node):
            return True
        parent = node.getparent()
        if parent is None or parent is block or _short_text(parent) != text:
            return False
        node = parent
    return False


def _is_live_value(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str) or len(element) > _MAX_WRAPPERS:
        return False
    custom = "-" in element.tag
    if not custom and element.tag not in _INLINE:
        return False
    raw = element.text_content()
    if len(raw) > _MAX_RAW_CHARS or _DIGIT.search(raw) is None:
        return False  # most of a page's links and spans: words, not a figure
    text = " ".join(raw.split())
    if len(text) > _MAX_FIGURE_CHARS or not _FIGURE.match(text) or not _QUOTE_MARK.search(text):
        return False
    block = _text_block(element)
    if block is None:
        return False
    signed = _CHANGE.match(text) is not None
    if custom and signed:
        return True
    # A price needs its quote's name beside it, and only the page's own element
    # may print one: "<a>the plan</a> <b>2,000</b>" is a writer's number.
    return (custom or signed) and _is_quote_change(element, text, block)


def live_values(tree: HtmlElement) -> list[HtmlElement]:
    """Every live figure in the page's blocks of running text (outermost only)."""
    # Only inline and custom elements can be one: libxml2 finds them, and the
    # page's other elements are never read here.
    candidates = chain(tree.iter(*_INLINE), _CUSTOM_ELEMENTS(tree))
    found = [e for e in islice(candidates, _MAX_ELEMENTS) if _is_live_value(e)]
    inner = set(found)
    return [e for e in found if not any(a in inner for a in e.iterancestors())]


def drop_live_values(tree: HtmlElement) -> None:
    """Remove every live figure from the page's running text, in place. The sentence
    around it stays, without the spaces and brackets the figure alone needed:
    "(<a>AMZN</a> <span>+0.21%</span>) Web Services" reads "(AMZN) Web Services",
    "<a>Harbour</a> (<b>+1.2%</b>) fell" reads "Harbour fell"."""
    for element in live_values(tree):
        parent = element.getparent()
        if parent is None:
            continue
        previous = element.getprevious()
        before = (previous.tail if previous is not None else parent.text) or ""
        tail = element.tail or ""
        if before.rstrip().endswith("(") and tail.lstrip().startswith(")"):
            before, tail = before.rstrip()[:-1], tail.lstrip()[1:]
        if tail.lstrip().startswith(_CLOSING):
            before, tail = before.rstrip(), tail.lstrip()
        element.tail = tail
        if previous is not None:
            previous.tail = before
        else:
            parent.text = before
        element.drop_tree()  # lxml joins the tail to the text before it
