"""Two captures of one page: text the newsroom did not touch is no change of the story.

A one-page extractor keeps some lines that are (nearly) all the text of links
to other pages: a teaser ("To read the full story"), a promo's headline, a row
of section links, "Related: <headline>". What those links say is whatever the
site points to today, so from one fetch to the next their text changes while
the story does not. And when link texts change, the content scorer may read
the page a little differently: a footer heading or a caption enters or leaves
the extraction although the page prints it, word for word, both times.

A tracker holds the previous capture of the page and can tell. The captures
show the same story when title and byline are equal and every body block that
differs between them is, on its own page, a line made of links to other pages
(or its twin on the other page is such a line, which that reading set aside, and
only link texts changed: a short link's text leaves the line below the links'
share), or is printed unchanged on the other capture too (the extractor's reading
moved, the text did not), or is a promo or label line in which only the texts
of its links changed (core/extract/link_churn.py). A line of a paragraph
broken by <br> is judged as the element it is printed as, like a paragraph
(core/extract/broken_lines.py).

A story paragraph with an inline link is not a line of links: its own words
are most of its text, so an edit there (inside the link or around it) stays a
change. Nor is a reference in the article's notes (it links back into the
page). A line of links whose linked sentence was edited inside, most of its
words kept (a briefing's item led by a linked sentence: "after 12 years" ->
"after 13 years"), is an edit too: a teaser's link is replaced by another
headline, a menu's links are too short to be sentences. So is one whose links
stayed while its own words changed (a packing list's "<a>stove</a> [$189.95]"
-> "[$199.95]"), stamps aside ("<a>Bridge closed</a> 2 hours ago"). An edited, deleted or
inserted paragraph is not printed on the other capture, so it stays a change
too; so does a reordering of the story's paragraphs (no block differs), while
lines of links that only changed places (a menu's entries swapped) are none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import islice

from lxml.html import HtmlElement

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract.broken_lines import wrap_broken_lines
from newsdiff_gui.core.extract.errors import ExtractionError
from newsdiff_gui.core.extract.furniture import printed_elements
from newsdiff_gui.core.extract.link_churn import (
    among_the_story,
    churned_twin,
    edited_in_place,
    twin_is_line_of_links,
)
from newsdiff_gui.core.extract.link_lines import (
    is_line_of_links,
    line_element,
    set_aside_glued_link_churn,
)
from newsdiff_gui.core.extract.panels import show_page
from newsdiff_gui.core.extract.parsing import parse_page
from newsdiff_gui.core.extract.text_key import text_key
from newsdiff_gui.core.normalize import clean_text, is_dateline_noise

# Beyond this many differing blocks the page has been rebuilt, not rotated.
_MAX_DIFFERING = 40


def _is_link_line(text: str, tree: HtmlElement) -> bool:
    """Whether the page prints `text` as a block (nearly) all of whose words are links
    to other pages."""
    element = line_element(text, tree)
    # A block that is not one element of the page leaves nothing to judge by.
    return element is not None and is_line_of_links(element)


def _page_tree(html: str) -> HtmlElement | None:
    try:
        tree = parse_page(html).root
    except ExtractionError:
        return None
    # The blocks were read from the page as shown (panels open, inline furniture
    # out): the same here, or a block read in an opened panel is found nowhere.
    show_page(tree)
    wrap_broken_lines(tree)
    return tree


def differing_blocks(ours: Sequence[str], theirs: Sequence[str]) -> list[str]:
    """Blocks of `ours` that `theirs` does not hold (counted, compared as stored)."""
    remaining = Counter(clean_text(block) for block in theirs if not is_dateline_noise(block))
    found = []
    for block in ours:
        cleaned = clean_text(block)
        if is_dateline_noise(block):
            continue  # the stored fingerprint leaves these out too
        if remaining[cleaned] > 0:
            remaining[cleaned] -= 1
        elif cleaned:
            found.append(block)
    return found


def _set_aside_link_churn(
    before: tuple[list[str], HtmlElement, frozenset[str]],
    after: tuple[list[str], HtmlElement, frozenset[str]],
    byline: str = "",
) -> tuple[list[str], list[str]]:
    """`gone` and `new` without the blocks in which only promo or label links changed
    their text (core/extract/link_churn.py), and without their twins."""
    (gone, before_tree, before_story), (new, after_tree, after_story) = before, after
    kept_gone = []
    kept_new = list(new)
    for block in gone:
        twin = churned_twin(
            block, before_tree, after_tree, among_story=block in before_story, byline=byline
        )
        if twin is None:
            kept_gone.append(block)
            continue
        twin_key = text_key(twin)
        kept_new = _without_first(kept_new, twin_key)
    # A new block whose twin the previous capture's extraction set aside.
    kept_new = [
        block
        for block in kept_new
        if churned_twin(
            block, after_tree, before_tree, among_story=block in after_story, byline=byline
        )
        is None
    ]
    return kept_gone, kept_new


def _without_first(blocks: list[str], key: str) -> list[str]:
    for index, block in enumerate(blocks):
        if text_key(block) == key:
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def same_story_text(before: Document, before_html: str, after: Document, after_html: str) -> bool:
    """Whether `after` differs from `before` only in lines of links and in blocks both
    pages print unchanged.

    `before_html` and `after_html` are the pages the two Documents were read from.
    False when anything else differs (title, byline, a block of words one page does
    not print), or when nothing in the body differs at all.
    """
    if clean_text(before.title) != clean_text(after.title):
        return False
    if clean_text(before.byline or "") != clean_text(after.byline or ""):
        return False
    gone = differing_blocks(before.paragraphs, after.paragraphs)
    new = differing_blocks(after.paragraphs, before.paragraphs)
    if len(gone) + len(new) > _MAX_DIFFERING:
        return False
    before_tree, after_tree = _page_tree(before_html), _page_tree(after_html)
    if before_tree is None or after_tree is None:
        return False
    if not gone and not new:
        return _only_link_lines_moved(before, before_tree, after, after_tree)
    gone, new = _set_aside_link_churn(
        (gone, before_tree, among_the_story(before.paragraphs)),
        (new, after_tree, among_the_story(after.paragraphs)),
        before.byline or "",
    )
    gone, new = set_aside_glued_link_churn(gone, before_tree, new, after_tree)
    sides = ((gone, before_tree, after_tree, after), (new, after_tree, before_tree, before))
    for blocks, own, other, other_document in sides:
        moved = _moved_reading(blocks, other, other_document.paragraphs)
        other_held = "\n".join(text_key(text) for text in other_document.paragraphs)
        for block in blocks:
            if block in moved:
                continue
            link_line = _is_link_line(block, own) or twin_is_line_of_links(
                block, own, other, other_held
            )
            if not link_line or edited_in_place(block, own, other):
                return False
    return True


def _only_link_lines_moved(
    before: Document, before_tree: HtmlElement, after: Document, after_tree: HtmlElement
) -> bool:
    """Whether the captures hold the same blocks in another order only because lines of
    links changed places (a menu's "Text without notes" and "Web links" swapped); a
    reordering of the story's paragraphs is a change. False when nothing moved."""

    def without_link_lines(document: Document, tree: HtmlElement) -> list[str]:
        return [block for block in document.paragraphs if not _is_link_line(block, tree)]

    if list(before.paragraphs) == list(after.paragraphs):
        return False
    return without_link_lines(before, before_tree) == without_link_lines(after, after_tree)


def _moved_reading(
    blocks: list[str], other_tree: HtmlElement, other_paragraphs: Sequence[str]
) -> set[str]:
    """The blocks the extraction lost (or gained) that the other page still prints (or
    already printed), word for word: text the newsroom did not touch, only the
    extractor's reading of the page moved. Counted: the other page prints it more
    often than the other reading holds it. A line printed under three shops ("Size
    range | Up to 3X") that the other page prints, and its reading holds, twice was
    edited once, not read differently. (The engine may read one printing twice, a
    caption and the image's structured data: one printing the other reading lacks
    is enough.)"""
    held = Counter(clean_text(paragraph) for paragraph in other_paragraphs)
    moved: set[str] = set()
    for block in dict.fromkeys(blocks):
        needed = held[clean_text(block)] + 1
        printings = islice(printed_elements(block, other_tree), needed)
        if sum(1 for _ in printings) >= needed:
            moved.add(block)
    return moved
