"""From the engine's cleaned body tree to the article's own text blocks."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from newsdiff_gui.core.normalize import clean_text

# Elements of trafilatura's output tree that hold one block of running text.
_TEXT_BLOCKS = frozenset({"p", "head", "item", "code", "pre", "quote", "cell", "ab"})
# Containers whose children are the blocks (a quote may hold paragraphs).
_CONTAINERS = frozenset({"body", "list", "table", "div", "quote", "doc", "main"})
# The engine's output is shallow; this only stops a pathological tree from
# exhausting Python's recursion.
_MAX_DEPTH = 60


def _has_block_child(element: etree._Element) -> bool:
    return any(
        child.tag in _TEXT_BLOCKS or child.tag in _CONTAINERS or child.tag == "row"
        for child in element
    )


def _segments(element: etree._Element) -> list[str]:
    """The element's text split at line breaks (`<lb/>`), each segment cleaned."""
    pieces: list[list[str]] = [[]]

    def collect(node: etree._Element, depth: int) -> None:
        if node.text:
            pieces[-1].append(node.text)
        for child in node:
            if child.tag == "lb":
                pieces.append([])
            elif depth < _MAX_DEPTH:
                collect(child, depth + 1)
            if child.tail:
                pieces[-1].append(child.tail)

    collect(element, 0)
    return [text for text in (clean_text(" ".join(piece)) for piece in pieces) if text]


def _walk(element: etree._Element, depth: int) -> Iterator[str]:
    if element.text and element.text.strip() and element.tag in _CONTAINERS:
        yield clean_text(element.text)
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "row":
            cells = [" ".join(_segments(cell)) for cell in child]
            text = clean_text(" | ".join(cell for cell in cells if cell))
            if text:
                yield text
        elif (child.tag in _CONTAINERS or child.tag not in _TEXT_BLOCKS) and (
            _has_block_child(child) and depth < _MAX_DEPTH
        ):
            yield from _walk(child, depth + 1)
        elif child.tag != "lb":
            yield from _segments(child)
        if child.tail and child.tail.strip():
            yield clean_text(child.tail)


def body_blocks(body: etree._Element) -> list[str]:
    """The body's text blocks in reading order, cleaned."""
    return [text for text in _walk(body, 0) if text]
