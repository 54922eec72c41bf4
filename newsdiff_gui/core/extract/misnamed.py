"""Boxes named for what they would hold (an embed, an icon) that hold the story's prose.

Engines drop a box by the words of its class and id that name furniture. Two of
those words name what a box holds rather than what it is for: "embed" (another
site's post or player) and "icon" (a glyph). Site builders and themes reuse them
on boxes of the page's own text: a site builder wraps a custom HTML block (a
table whose cells are the story's paragraphs) in `class="w-embed"`; an accordion
theme names its arrow's look, `kt-accodion-icon-style-arrow`, on the box of all
its panels. The engine drops the box with the story's text in it, and an edit
there (a tip's "6 or more" -> "7 or more", a rubric's weights) made no version.

A box so named that holds a paragraph of the page's own prose is not an embed or
an icon: while the engines read the page, those words of its names are set aside
(and put back after, so every other reader sees the page as sent). Prose here is
a paragraph or list item of a sentence's length, mostly its own words rather
than links, outside any quotation. A real embed's box holds another site's frame
or player (an <iframe>, <video>, <object>) or its post as a quotation, which the
quote rule judges by position (core/extract/quotes.py); an icon holds no prose.
A box that is mostly links (a row of linked headlines with icons) keeps its names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.frame import restore_names
from newsdiff_gui.core.extract.furniture import is_hidden_box
from newsdiff_gui.core.extract.text_key import linked_chars
from newsdiff_gui.core.normalize import clean_text

_HOLDER_WORD = re.compile(r"embed|icon", re.IGNORECASE)
# The tags the engine drops a box of by these words.
_BOX_TAGS = ("div", "section", "span")
_NAMES = ("class", "id")
# What a real embed's box shows: another site's frame or player.
_PLAYERS = ("iframe", "video", "object", "embed", "audio")
# A paragraph of prose: a sentence's length, its links under this share.
_MIN_PROSE_CHARS = 80
_MAX_LINK_SHARE = 0.5
# Bounds for hostile pages: named boxes looked at, players and paragraphs read in
# each, and characters read in all (a nest of named boxes reads the page once a level).
_MAX_BOXES = 2_000
_MAX_PLAYERS = 200
_MAX_PARAGRAPHS = 200
_MAX_CHARS_READ = 20_000_000


def _is_prose(paragraph: HtmlElement) -> bool:
    if any(ancestor.tag == "blockquote" for ancestor in paragraph.iterancestors()):
        return False
    length = len(clean_text(paragraph.text_content()))
    return length >= _MIN_PROSE_CHARS and linked_chars(paragraph) < _MAX_LINK_SHARE * length


def _shows_player(box: HtmlElement) -> bool:
    """Whether the box shows another site's frame or player (a tracker's frame,
    hidden, zero-sized or inside <noscript>, shows nothing)."""
    for player in islice(box.iter(*_PLAYERS), _MAX_PLAYERS):
        hidden = is_hidden_box(player) or "0" in (player.get("width"), player.get("height"))
        if not hidden and not any(a.tag == "noscript" for a in player.iterancestors()):
            return True
    return False


def holds_prose(box: HtmlElement, text: str | None = None) -> bool:
    """Whether the box holds a paragraph of the page's own prose and shows no
    other site's frame or player, and is not mostly links (`text`: the box's
    text, when the caller has read it)."""
    if _shows_player(box):
        return False
    if not any(_is_prose(p) for p in islice(box.iter("p", "li"), _MAX_PARAGRAPHS)):
        return False
    length = len(clean_text(box.text_content() if text is None else text))
    return linked_chars(box) < _MAX_LINK_SHARE * length


def _named_boxes(tree: HtmlElement) -> Iterator[HtmlElement]:
    for box in tree.iter(*_BOX_TAGS):
        names = f"{box.get('class') or ''} {box.get('id') or ''}"
        # A cheap look first ("mbed", "con" also find "Embed", "Icon"): most boxes
        # are named neither.
        if ("mbed" in names or "con" in names) and _HOLDER_WORD.search(names):
            yield box


@contextmanager
def holder_names_set_aside(tree: HtmlElement) -> Iterator[None]:
    """While inside, boxes of prose named "embed" or "icon" carry neither word."""
    saved: list[tuple[HtmlElement, str, str]] = []
    budget = _MAX_CHARS_READ
    for box in islice(_named_boxes(tree), _MAX_BOXES):
        text = box.text_content()
        budget -= len(text)
        if budget < 0:
            break
        if not holds_prose(box, text):
            continue
        for name in _NAMES:
            value = box.get(name)
            if value is None or _HOLDER_WORD.search(value) is None:
                continue
            saved.append((box, name, value))
            box.set(name, " ".join(w for w in value.split() if _HOLDER_WORD.search(w) is None))
    try:
        yield
    finally:
        restore_names(saved)
