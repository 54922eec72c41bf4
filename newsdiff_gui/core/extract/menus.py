"""Whether an extraction is a menu: the page's link texts rather than an article."""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.text_key import MAX_LINKS_CHECKED, text_key

# A page whose "article" is this much link text is a section front or a menu.
_MAX_LINK_SHARE = 0.75
_MIN_MENU_LINKS = 3
_MIN_PROSE_WORDS = 12


def is_mostly_links(blocks: list[str], tree: HtmlElement) -> bool:
    """Whether the extracted text is essentially the page's link texts (navigation)."""
    # Running text has sentences of some length; only a single blob (the engine's
    # last-resort whole-page text) or a run of short items can be a menu.
    lengths = sorted(len(block.split()) for block in blocks)
    if len(blocks) > 1 and lengths[len(lengths) // 2] >= _MIN_PROSE_WORDS:
        return False
    remaining = text_key(" ".join(blocks))
    total = len(remaining)
    if not total:
        return True
    links = 0
    for count, anchor in enumerate(tree.iter("a")):
        if count >= MAX_LINKS_CHECKED:
            break
        key = text_key(anchor.text_content())
        if len(key) >= 2 and key in remaining:
            remaining = remaining.replace(key, "", 1)
            links += 1
    # A menu is several links; text that is all one link is still text.
    return links >= _MIN_MENU_LINKS and len(remaining) <= (1 - _MAX_LINK_SHARE) * total
