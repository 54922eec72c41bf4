"""Stamp lines the engine glued onto the story's text are taken back out.

On a page with little block structure the engine may read the whole story as
one block, and a line printed above it on its own ("Last updated: 26 November
2025, 1:05", "Jane Okafor · 8 min read") then begins that block. Alone, such a
line is set aside as metadata (stamps.py); glued, it would make every changed
stamp a new version of the article.

A stamp's text is cut from a block only when the page shows it is a line of
its own, never because of its words alone:
- a page element's whole text is a stamp line, and the element is a block
  (a paragraph, a div) or stands between blocks and line breaks, not inside a
  sentence ("<p><b>Updated 10:47</b> police said …</p>" is a sentence);
- in the block, it stands where the page prints it: the words the block holds
  right before and after it are the page's text right before and after the
  element (a date an article's sentence quotes is not the sidebar's date line).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.stamps import MAX_STAMP_LINE_CHARS, has_stamp, is_stamp_line
from newsdiff_gui.core.extract.text_key import UNPRINTED_TAGS, ends_sentence
from newsdiff_gui.core.normalize import clean_text

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "footer", "section", "article", "aside", "address", "blockquote",
        "figure", "figcaption", "table", "tr", "td", "th", "pre", "main", "nav", "hr", "br",
    }
)  # fmt: skip
_BODY_TEXT = etree.XPath("//body//text()")
# The nearest text the page prints before or after an element.
_PRINTED = "text()[normalize-space()]" + "".join(
    f"[not(ancestor::{tag})]" for tag in sorted(UNPRINTED_TAGS)
)
_BEFORE = etree.XPath(f"preceding::{_PRINTED}[1]")
_AFTER = etree.XPath(f"following::{_PRINTED}[1]")
# Bounds for hostile pages: this many stamp elements, looked for this high up.
_MAX_STAMPS = 40
_MAX_ANCESTORS = 12
# Raw text (indentation included) beyond which an element is no stamp line.
_MAX_RAW_CHARS = 2_000
# Words of the page's neighbouring text that must stand beside the stamp in the block.
_CONTEXT_WORDS = 3


@dataclass(frozen=True, slots=True)
class _Stamp:
    text: str
    # The last words printed before the element and the first after it (() when none).
    before: tuple[str, ...]
    after: tuple[str, ...]


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _printed_sibling(element: HtmlElement) -> HtmlElement | None:
    """The nearest earlier sibling the page prints (a script or style beside a line
    prints nothing and does not join it to its neighbour)."""
    previous = element.getprevious()
    while previous is not None and previous.tag in UNPRINTED_TAGS and _blank(previous.tail):
        previous = previous.getprevious()
    return previous


def _line_starts_at(element: HtmlElement) -> bool:
    """Whether nothing before the element continues into it: a block or a break, no
    text, or a sentence that has ended ("Time is not on his side." then the stamp)."""
    previous = _printed_sibling(element)
    if previous is None:
        parent = element.getparent()
        before = None if parent is None else parent.text
    elif not _blank(previous.tail):
        before = previous.tail
    elif previous.tag in _BLOCK_TAGS:
        return True
    else:
        before = previous.text_content()
    return _blank(before) or ends_sentence(before or "")


def _stands_alone(element: HtmlElement) -> bool:
    """Whether the element is a line of its own: a block, or only blocks and breaks
    (or an ended sentence before it) beside it."""
    if element.tag in _BLOCK_TAGS:
        return True
    # (The parser drops comments; anything else beside the element that is not a
    # block or a break is read as running text, and the element stays.)
    if not _line_starts_at(element):
        return False
    following = element.getnext()
    return _blank(element.tail) and (following is None or following.tag in _BLOCK_TAGS)


def _short_text(element: HtmlElement) -> str | None:
    """The element's text when it is short enough for a stamp line (read no further)."""
    pieces = []
    length = 0
    for piece in element.itertext():
        length += len(piece)
        # Whitespace of the markup counts here; clean text is at most this long.
        if length > _MAX_RAW_CHARS:
            return None
        pieces.append(piece)
    text = clean_text("".join(pieces))
    return text if len(text) <= MAX_STAMP_LINE_CHARS else None


def _stamp_element(start: HtmlElement) -> tuple[HtmlElement, str] | None:
    """The outermost element from `start` up whose whole text is a stamp line, and that text."""
    found = None
    for depth, element in enumerate((start, *start.iterancestors())):
        if depth >= _MAX_ANCESTORS or element.tag in ("body", "html"):
            break
        text = _short_text(element)
        if text is None:
            break  # an ancestor holds at least as much: none of them is a line
        if is_stamp_line(text):
            found = (element, text)
    return found


def _words(found: object, *, last: bool) -> tuple[str, ...]:
    """The first or last few words of the one text node an XPath found (() for none)."""
    if not isinstance(found, list) or not found:
        return ()
    words = clean_text(str(found[0])).split()
    return tuple(words[-_CONTEXT_WORDS:] if last else words[:_CONTEXT_WORDS])


def _stamp_lines(tree: HtmlElement) -> dict[HtmlElement, str]:
    """Elements the page prints as stamp lines of their own, with their text."""
    elements: dict[HtmlElement, str] = {}
    for node in _BODY_TEXT(tree):
        if len(elements) >= _MAX_STAMPS:
            break
        text = str(node)
        # A stamp line's element holds all of its text nodes: a longer one is no part of one.
        if len(text) > MAX_STAMP_LINE_CHARS or not has_stamp(text):
            continue
        owner = node.getparent()
        if node.is_tail and owner is not None:
            owner = owner.getparent()
        if owner is None or not isinstance(owner.tag, str) or _unprinted(owner):
            continue
        found = _stamp_element(owner)
        if found is not None and found[0] not in elements and _stands_alone(found[0]):
            elements[found[0]] = found[1]
    return elements


def _unprinted(element: HtmlElement) -> bool:
    return any(node.tag in UNPRINTED_TAGS for node in (element, *element.iterancestors()))


def _with_context(element: HtmlElement, text: str) -> _Stamp:
    return _Stamp(text, _words(_BEFORE(element), last=True), _words(_AFTER(element), last=False))


def _beside(words: list[str], context: tuple[str, ...], *, before: bool) -> bool:
    """Whether the block's words on one side of the stamp are the page's there."""
    if not words:
        return True  # the stamp opens (or ends) the block
    count = min(len(words), len(context))
    if count == 0:
        return False  # the block holds text where the page prints none
    if before:
        return words[-count:] == list(context[-count:])
    return words[:count] == list(context[:count])


def _cut(block: str, stamp: _Stamp) -> str:
    """`block` without the stamp where it stands as the page prints it (else unchanged)."""
    start = block.find(stamp.text)
    while start != -1:
        end = start + len(stamp.text)
        at_word_edges = (start == 0 or block[start - 1] == " ") and (
            end == len(block) or block[end] == " "
        )
        if (
            at_word_edges
            and _beside(block[:start].split(), stamp.before, before=True)
            and _beside(block[end:].split(), stamp.after, before=False)
        ):
            return " ".join((block[:start].rstrip(), block[end:].lstrip())).strip()
        start = block.find(stamp.text, start + 1)
    return block


def drop_glued_stamps(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with stamp lines the engine glued onto them taken out (see module)."""
    if not any(has_stamp(block) for block in blocks):
        return blocks  # no block holds a stamp: nothing glued to look for
    glued = [
        _with_context(element, text)
        for element, text in _stamp_lines(tree).items()
        if any(text in block and text != block for block in blocks)
    ]
    if not glued:
        return blocks
    result = []
    for block in blocks:
        for stamp in glued:
            if stamp.text in block and stamp.text != block:
                block = _cut(block, stamp)
        result.append(block)
    return result
