"""What the engine read from the page's own header is not the story.

A site's header holds its menus; a mega-menu holds a paragraph under each of its
links ("Automate campus scheduling for classes, meetings, and exams with our EMS
software."), an address, a promotion. The engine sometimes reads them as the
story's opening blocks, and the site's menu then changes the stored article.

When the page marks its story (`<main>` or `<article>`), a block the engine kept
that the page prints inside a header standing apart from it (a `<header>` outside
every `<main>` and `<article>`, holding neither) and nowhere in the story is set
aside. The story's own header (headline, byline, standfirst inside `<article>`)
is inside the story and stays. A header that wraps the page's text (an unclosed
`<header>`) is not seen here: while the engine and these rules read the page,
core/extract/frame.py has set its tag aside. And the rule stands back when the
header would hold most of what was kept: then it is the story, however marked.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import printed_element
from newsdiff_gui.core.extract.text_key import text_key, text_length

_STORY_TAGS = ("main", "article")
# Bounds for hostile pages: headers read, blocks looked up.
_MAX_HEADERS = 20
_MAX_BLOCKS = 2000
# A site's menus, however large, are shorter than this; a longer header is a page
# region of another kind, and each kept block would be looked for in all of it.
_MAX_HEADER_KEY = 50_000


def _outside_stories(element: HtmlElement) -> bool:
    return next(element.iterancestors(*_STORY_TAGS), None) is None


def _page_headers(tree: HtmlElement) -> list[HtmlElement]:
    return [
        header
        for header in tree.iter("header")
        if _outside_stories(header) and next(header.iter(*_STORY_TAGS), None) is None
    ][:_MAX_HEADERS]


def _in_header(block: str, header: HtmlElement, header_key: str, tree: HtmlElement) -> bool:
    # The header's whole text is keyed once; only a block inside it is looked for.
    # (printed_element finds a block by one of its longer words: one without any,
    # "UK:" or a logo's "Ai2", is in no header here, and stays.)
    return text_key(block) in header_key and (
        printed_element(block, tree, within=header) is not None
    )


def drop_page_header_blocks(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` without those the page prints only in its own header (see module)."""
    headers = _page_headers(tree)
    stories = [e for e in tree.iter(*_STORY_TAGS) if _outside_stories(e)]
    if not headers or not stories or len(blocks) > _MAX_BLOCKS:
        return blocks
    keyed = [(header, text_key(header.text_content())) for header in headers]
    keyed = [(header, key) for header, key in keyed if len(key) <= _MAX_HEADER_KEY]
    doomed = {
        index
        for index, block in enumerate(blocks)
        if any(_in_header(block, header, key, tree) for header, key in keyed)
        and not any(printed_element(block, tree, within=story) is not None for story in stories)
    }
    dropped = text_length([blocks[index] for index in doomed])
    if not doomed or 2 * dropped >= text_length(blocks):
        return blocks
    return [block for index, block in enumerate(blocks) if index not in doomed]
