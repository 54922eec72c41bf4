"""From the engine's cleaned body tree to the article's own text blocks."""

from __future__ import annotations

import re
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


def _lays_out(row: etree._Element) -> bool:
    """A table row with a column of the page in a cell: several blocks, two or more of
    them paragraphs of running text. A data row's cells hold a value, a few short
    lines or one description each (a cell may wrap each line in a paragraph)."""
    for cell in row:
        sizes = [len(child.xpath("string()")) for child in cell if child.tag in _LAYOUT_BLOCKS]
        prose = sum(size >= _RUNNING_TEXT_CHARS for size in sizes)
        if len(sizes) >= _LAYOUT_MIN_BLOCKS and prose >= _LAYOUT_MIN_PROSE:
            return True
    return False


_LAYOUT_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "div"})
# A cell with this many blocks, this many of them running text (a sentence or
# more), is a column of the page. On the 974 AEB and WCXB pages this finds the
# five story columns set in table cells (and one summary box of four paragraphs)
# and no data table: data cells with several lines held a product's
# specifications or a plant's card, with one description at most.
_LAYOUT_MIN_BLOCKS = 3
_LAYOUT_MIN_PROSE = 2
_RUNNING_TEXT_CHARS = 100


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
        elif child.tag == "row" and _lays_out(child) and depth < _MAX_DEPTH:
            # A page laid out in a table: each cell is a column of the page, its
            # paragraphs the article's (read as one data row, a whole story became
            # one 20,000-character block).
            yield from flush()
            for cell in child:
                yield from _walk(cell, depth + 1)
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


# Where a paragraph and the loose text beside it meet inside one sentence: a
# space between them (the engine keeps "remain the " and " in different …", while
# two blocks of a page meet with none: "Tags:" "Data & Analytics") and no end of
# a sentence before it, or a mark that hangs on the word before (", an", ". It").
_ENDS_SENTENCE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_HANGS_ON = re.compile(r"^[,.;:)\]](?!\.)")
# How much of a left side's end is read at a seam.
_SEAM_CHARS = 200


def _mid_sentence(left: str, right: str) -> bool:
    if not left.strip() or not right.strip():
        return False
    if _HANGS_ON.match(right):
        return True
    spaced = left[-1].isspace() or right[0].isspace()
    return spaced and _ENDS_SENTENCE.search(left.rstrip()) is None


def _ending(text: str) -> str:
    """What `_mid_sentence` reads of a left side: its last words and whether a space
    follows them (a run joined piece by piece is not read whole at every seam)."""
    words = text.rstrip()
    return words[-_SEAM_CHARS:] + text[len(words) :][:1]


def _append(paragraph: etree._Element, pieces: list[str]) -> None:
    """Add text at the paragraph's end, once (a run of thousands of pieces is not
    copied once per piece)."""
    if not pieces:
        return
    text = "".join(pieces)
    pieces.clear()
    last = paragraph[-1] if len(paragraph) else None
    if last is None:
        paragraph.text = (paragraph.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _rejoin_split_runs(container: etree._Element, depth: int = 0) -> None:
    """Rejoin a run of text the engine cut at its links.

    A page that prints its story straight into a box ("<div>Whether you are a
    <a>photographer</a>, an <a>architect</a>, or …</div>") comes out of the engine
    as "<p>Whether you are a </p>photographer<p>, an </p>architect<p>, or …": each
    link's text left loose between paragraphs. Read as it stands, one sentence
    became five blocks ("photographer", ", an", …), and an edit to it showed as
    fragments removed and added. Loose text between two paragraphs is one run of
    the page's text with them; where they meet inside a sentence it is joined back.
    """
    for paragraph in list(container):
        if paragraph.getparent() is not container:
            continue  # merged into the paragraph before it
        if paragraph.tag in _CONTAINERS and depth < _MAX_DEPTH:
            _rejoin_split_runs(paragraph, depth + 1)
        if paragraph.tag == "p":
            _rejoin_after(container, paragraph)


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _rejoin_after(container: etree._Element, paragraph: etree._Element) -> None:
    """Join the loose text after `paragraph`, and the paragraphs it leads into, to
    it while they meet inside a sentence; or a loose text that opens the next
    paragraph's sentence to that paragraph."""
    end = _ending(_text(paragraph))
    pending: list[str] = []
    while True:
        tail = paragraph.tail or ""
        if not tail.strip() or (len(paragraph) and paragraph[-1].tag == "lb"):
            break
        following = paragraph.getnext()
        if following is not None and following.tag != "p":
            following = None
        opening = "" if following is None else _text(following)
        to_right = following is not None and _mid_sentence(tail, opening)
        if not _mid_sentence(end, tail):
            if to_right and following is not None:
                paragraph.tail = None
                following.text = tail + (following.text or "")
            break
        paragraph.tail = None
        pending.append(tail)
        end = _ending(end + tail)
        if not to_right or following is None:
            break
        pending.append(following.text or "")
        end = _ending(end + opening)
        if len(following):
            _append(paragraph, pending)
            for child in list(following):
                paragraph.append(child)
        paragraph.tail = following.tail
        container.remove(following)
    _append(paragraph, pending)


def body_blocks(body: etree._Element) -> list[str]:
    """The body's text blocks in reading order, cleaned."""
    _rejoin_split_runs(body)
    return [text for text in _walk(body, 0) if text]
