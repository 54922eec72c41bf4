"""Content a streaming server sends late is read where the browser prints it.

Pages rendered by React's streaming server (Next.js and others) send the page's
frame first, with a placeholder where content is not ready yet: a `<template
id="B:0">` before a fallback ("Loading paragraph…") for a suspended boundary, a
`<template id="P:3">` for a pending segment. The content follows later in the
stream, in a hidden `<div hidden id="S:0">` at the end of the body, with a script
that moves it into place (`$RC("B:0","S:0")` for a boundary, `$RS("S:3","P:3")`
for a segment). A browser runs the script and shows the content in the article;
read as sent, it is hidden text after the footer, and extraction drops it. On
such pages most of a story can be streamed late, and an edit there would make
no version.

The moves are the page's own: the pairs its `$RC`/`$RS` calls name, in the
page's order. A page saved without its scripts pairs each segment with the
placeholder of the same number, as the server numbers them. A boundary's fallback
(up to its `<!--/$-->` end marker) is removed, as `$RC` removes it; a boundary
whose markers are gone keeps its fallback (a skeleton, or a loading line).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

_CALL = re.compile(r'\$R([CS])\(\s*"([BPS]:[0-9A-Za-z]+)"\s*,\s*"([BPS]:[0-9A-Za-z]+)"\s*\)')
_SEGMENT = "S:"
_PLACEHOLDERS = ("B:", "P:")
# A bound for hostile pages: moves made, elements looked at for ids.
_MAX_MOVES = 2000
_MAX_ELEMENTS = 200_000
# How far a boundary's end marker is looked for.
_MAX_FALLBACK = 500


def has_streamed_segments(html: str) -> bool:
    """Whether the page may hold late-streamed segments (read with its comments then)."""
    return 'id="S:' in html and '<template id="' in html


def place_streamed_segments(root: HtmlElement) -> None:
    """Move each streamed segment to its placeholder, then drop the page's comments."""
    elements: dict[str, HtmlElement] = {}
    scripts: list[str] = []
    for count, element in enumerate(root.iter("div", "template", "script")):
        if count >= _MAX_ELEMENTS:
            break
        if element.tag == "script":
            if element.text and "$R" in element.text:
                scripts.append(element.text)
            continue
        key = element.get("id") or ""
        if key.startswith((_SEGMENT, *_PLACEHOLDERS)):
            elements.setdefault(key, element)
    for placeholder, segment in _moves(scripts, elements)[:_MAX_MOVES]:
        _move(elements.get(segment), elements.get(placeholder))
    etree.strip_tags(root, etree.Comment)


def _moves(scripts: list[str], elements: dict[str, HtmlElement]) -> list[tuple[str, str]]:
    """(placeholder, segment) pairs: the scripts' calls, else matched by number."""
    moves = []
    for script in scripts:
        for kind, first, second in _CALL.findall(script):
            # $RC(boundary, segment); $RS(segment, placeholder).
            moves.append((first, second) if kind == "C" else (second, first))
    if moves:
        return moves
    for key in elements:
        if key.startswith(_SEGMENT):
            number = key.removeprefix(_SEGMENT)
            target = next((p + number for p in _PLACEHOLDERS if p + number in elements), None)
            if target is not None:
                moves.append((target, key))
    return moves


def _move(segment: HtmlElement | None, placeholder: HtmlElement | None) -> None:
    if (
        segment is None
        or placeholder is None
        or segment.tag != "div"
        or segment.get("hidden") is None
        or segment.getparent() is None  # already placed: a call named it twice
        or placeholder.tag != "template"
        or placeholder.getparent() is None
        or any(ancestor is segment for ancestor in placeholder.iterancestors())
    ):
        return
    end = _drop_fallback(placeholder) if placeholder.get("id", "").startswith("B:") else None
    anchor = end if end is not None else placeholder
    if segment.text and segment.text.strip():
        _text_before(anchor, segment.text)
    for child in list(segment):
        anchor.addprevious(child)  # the child's tail moves with it
    placeholder.drop_tree()
    segment.drop_tree()


def _drop_fallback(template: HtmlElement) -> HtmlElement | None:
    """Remove what the boundary shows until its content comes (between the template
    and the boundary's end marker), as $RC does; the end marker, or None when the
    page holds no markers."""
    depth = 0
    fallback: list[HtmlElement] = []
    for count, sibling in enumerate(template.itersiblings()):
        if count >= _MAX_FALLBACK:
            return None  # a fallback is a skeleton or a line, not a page of its own
        if sibling.tag is etree.Comment:
            data = (sibling.text or "").strip()
            if data == "/$":
                if depth == 0:
                    template.tail = None
                    for element in fallback:
                        element.tail = None
                        element.drop_tree()
                    return sibling
                depth -= 1
            elif data in ("$", "$?", "$!"):
                depth += 1
        fallback.append(sibling)
    return None


def _text_before(anchor: HtmlElement, text: str) -> None:
    previous = anchor.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = anchor.getparent()
        if parent is not None:
            parent.text = (parent.text or "") + text
