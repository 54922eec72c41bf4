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


# The engine marks inline code (`<code>` inside a sentence) as a "code" element
# within its paragraph: that is the sentence's text, not a block of its own (read
# as one, the sentence was cut in three and a lone "10.0.1.40" left the stored
# text as a bare number, so an edit to it made no version).
_RUNNING_TEXT = frozenset({"p", "item", "head", "cell", "quote"})
_INLINE_IN_RUNNING_TEXT = frozenset({"code"})


def _has_block_child(element: etree._Element) -> bool:
    inline = _INLINE_IN_RUNNING_TEXT if element.tag in _RUNNING_TEXT else frozenset()
    return any(
        (child.tag in _TEXT_BLOCKS and child.tag not in inline)
        or child.tag in _CONTAINERS
        or child.tag == "row"
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


def _is_block(element: etree._Element) -> bool:
    return element.tag in _TEXT_BLOCKS or element.tag in _CONTAINERS or element.tag == "row"


def _walk(element: etree._Element, depth: int) -> Iterator[str]:
    """Blocks of a container; loose inline runs between blocks form one block each."""
    inline: list[str] = [element.text or ""]

    def flush() -> Iterator[str]:
        text = clean_text(" ".join(inline))
        inline.clear()
        if text:
            yield text

    for child in element:
        if not isinstance(child.tag, str):
            inline.append(child.tail or "")
            continue
        if child.tag == "lb":
            yield from flush()
        elif child.tag == "row":
            yield from flush()
            cells = [" ".join(_segments(cell)) for cell in child]
            text = clean_text(" | ".join(cell for cell in cells if cell))
            if text:
                yield text
        elif _is_block(child) and _has_block_child(child) and depth < _MAX_DEPTH:
            yield from flush()
            yield from _walk(child, depth + 1)
        elif _is_block(child):
            yield from flush()
            yield from _segments(child)
        else:
            # Inline markup (links, emphasis) outside any block joins the running text.
            inline.append(" ".join(_segments(child)))
        inline.append(child.tail or "")
    yield from flush()


def body_blocks(body: etree._Element) -> list[str]:
    """The body's text blocks in reading order, cleaned."""
    return [text for text in _walk(body, 0) if text]
