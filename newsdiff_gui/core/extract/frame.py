"""The page's frame: the wrappers that hold most of its text, whatever their names.

Engines drop boxes by their names ("comment", "header", "sidebar"), and some
themes give such names to the wrappers around the whole story: a layout's
`<span class="Header-headerHeight">` around the page, a `<div
class="commentOnSelection">` (a tool for commenting on a selected sentence)
around the story's text. Read by those names, the story is dropped whole, and a
check stores a comment thread or a "please enable JavaScript" line instead.

A box that holds most of the page's text is the page. While the engines read the
tree, the furniture names of the frame's boxes are set aside (and put back
after, so every other reader sees the page as sent); so are their furniture tags
(an unclosed `<header>` that nests the story, a `<form>` around an ASP.NET
page), unless the box is mostly links (a sidebar of headlines longer than a
short story). A comment thread longer than
the story is not a frame by this rule: the paragraph text of a frame named as
comments must sit mostly side by side in one container, as a story's does, where
a thread's sits in one box per comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES
from newsdiff_gui.core.extract.text_key import UNPRINTED_TAGS

# The names engines drop a box by, whole (a name that also says "content" or
# "post" is the story's, and engines read it so).
FURNITURE_NAMES = re.compile(r"comment|header|footer|sidebar|\bnav|menu", re.IGNORECASE)
_STORY_NAMES = re.compile(r"article|body|content|entry|main|post|story|text", re.IGNORECASE)
_NAMES = ("class", "id")
# A box's tag is saved under this name.
_TAG = "<tag>"
_MIN_SHARE = 0.5
# A bound for hostile pages: how deep the frame is followed.
_MAX_DEPTH = 60


def _furniture_name(word: str) -> bool:
    return FURNITURE_NAMES.search(word) is not None and _STORY_NAMES.search(word) is None


def _text_length(element: HtmlElement) -> int:
    # Characters other than spaces (a template's indentation weighs nothing), read
    # as one string built by lxml: a box's inline scripts are small beside its
    # text; the page's large ones sit in <body> itself and are skipped.
    return len("".join(element.text_content().split()))


def _mostly_links(box: HtmlElement) -> bool:
    linked = sum(_text_length(link) for link in box.iter("a"))
    return linked > _MIN_SHARE * _text_length(box)


def _story_shaped(box: HtmlElement) -> bool:
    """Whether most of the box's paragraph text sits side by side in one container,
    as a story's paragraphs do; a thread's sit one comment's box apiece."""
    by_parent: dict[HtmlElement, int] = {}
    for paragraph in box.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            length = len(paragraph.text_content().strip())
            by_parent[parent] = by_parent.get(parent, 0) + length
    total = sum(by_parent.values())
    return total > 0 and max(by_parent.values()) >= _MIN_SHARE * total


def frame(body: HtmlElement) -> list[HtmlElement]:
    """The boxes, outermost first, that each hold most of the page's text."""
    sizes = [(child, _text_length(child)) for child in _read(body)]
    total = sum(size for _, size in sizes)
    threshold = _MIN_SHARE * total
    chain: list[HtmlElement] = []
    for _ in range(_MAX_DEPTH):
        child, size = next(((c, n) for c, n in sizes if n >= threshold and n), (None, 0))
        if child is None:
            break
        chain.append(child)
        sizes = _sizes(child, size, threshold)
    return chain


def _read(box: HtmlElement) -> list[HtmlElement]:
    return [c for c in box if isinstance(c.tag, str) and c.tag not in UNPRINTED_TAGS]


def _sizes(box: HtmlElement, left: int, threshold: float) -> list[tuple[HtmlElement, int]]:
    """The box's children and their text lengths, up to the one that may hold the
    threshold: once the others have used up more than the rest (`left`, the box's
    own length at first), none can."""
    sizes = []
    for child in _read(box):
        size = _text_length(child)
        sizes.append((child, size))
        left -= size
        if size >= threshold or left < threshold:
            break
    return sizes


@contextmanager
def frame_names_set_aside(tree: HtmlElement) -> Iterator[None]:
    """While inside, the frame's boxes carry no furniture names (class, id)."""
    body = tree.find("body")
    saved: list[tuple[HtmlElement, str, str]] = []
    boxes = [] if body is None else frame(body)
    for box in boxes:
        if box.tag in FURNITURE_BOXES and not _mostly_links(box):
            # An unclosed <header> around the story, a <form> around an
            # ASP.NET page: the tag is a name too, and the box is the page. (A
            # sidebar's <aside> of linked headlines, longer than a short story,
            # is read as the page's furniture still.)
            saved.append((box, _TAG, box.tag))
            box.tag = "div"
        for name in _NAMES:
            value = box.get(name)
            if value is None:
                continue
            kept = [word for word in value.split() if not _furniture_name(word)]
            if len(kept) < len(value.split()):
                saved.append((box, name, value))
                box.set(name, " ".join(kept))
    # A comment thread longer than the story is not the page: a frame named as
    # comments must end in the story's shape.
    named_comments = any("comment" in value.casefold() for _, _, value in saved)
    if named_comments and not _story_shaped(boxes[-1]):
        restore_names(saved)
        saved = []
    try:
        yield
    finally:
        restore_names(saved)


def restore_names(saved: list[tuple[HtmlElement, str, str]]) -> None:
    """Put back the names (and tags) set aside, as (box, attribute, value) triples."""
    for box, name, value in saved:
        if name == _TAG:
            box.tag = value
        else:
            box.set(name, value)
