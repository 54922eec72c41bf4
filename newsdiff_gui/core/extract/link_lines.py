"""Lines of links on a page, and blocks that changed only inside them.

A line of links is an element (nearly) all of whose words are links to other
pages: a teaser ("READ MORE: <headline>"), a row of section links, a sidebar's
list of links separated by line breaks. What its links say is whatever the site
points to today.

Some pages are read as a few long blocks that glue such lines to the story's
text (a table layout whose sidebar cell joins the post, a weekly edition read as
one block with its teasers inside). Such a block is no one element of the page,
so the per-block rules cannot judge it; but between two captures its text
differs only where links in lines of links changed their text, and nowhere
else. An edit of the story, even inside a linked phrase of a sentence (whose
line is the sentence: mostly its own words), leaves a difference outside them;
and a link whose text was edited inside (most of its words kept: "after 12
years" -> "after 13 years") rather than replaced by another headline is an edit
wherever it stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import printed_element
from newsdiff_gui.core.extract.link_entries import LINK_LINE_SHARE, links_elsewhere
from newsdiff_gui.core.extract.text_key import HEADINGS, text_key

# Blocks that hold one line of text: where a footnote's back-link would sit.
_ITEM_TAGS = ("li", "p", "dd", "dt", "td", "th", "blockquote", "figcaption")
# The block a link is printed in, for the glued-block rule.
_LINE_TAGS = ("p", "li", "dd", "dt", "td", "th", "div", "section", "aside", "nav", "header")
# Beyond this many links the page's two captures are not compared link by link.
_MAX_LINKS = 5000
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
# A link's text replaced as a whole keeps fewer than this share of its words;
# an edit inside a phrase keeps most ("a £5m budget" → "a £6m budget" keeps all).
_KEPT_WORDS_SHARE = 0.5
# A linked sentence has at least this many words; a menu's or a pager's link fewer.
_MIN_SENTENCE_WORDS = 6


def _words(text: str) -> set[str]:
    """Case-folded words, every figure written alike (so a changed figure keeps its word)."""
    return {_DIGITS.sub("0", word) for word in _WORD.findall(text.casefold())}


def replaced_link_text(old: str, new: str) -> bool:
    """Whether a link's text was replaced as a whole, not edited inside."""
    old_words, new_words = _words(old), _words(new)
    if not old_words or not new_words:
        return bool(old_words or new_words)
    kept = len(old_words & new_words)
    return kept < _KEPT_WORDS_SHARE * max(len(old_words), len(new_words))


def link_sentence_edited(old: str, new: str) -> bool:
    """Whether a link's text is a phrase of a sentence or more that was edited inside
    (most words kept), not a short label or a headline swapped for another: links
    rotated among a menu share words ("Kernel" and "Kernel development") or differ
    by a number ("Page 2", "Minecraft 1.8"), and are no sentence."""
    return (
        len(_WORD.findall(old)) >= _MIN_SENTENCE_WORDS
        and len(_WORD.findall(new)) >= _MIN_SENTENCE_WORDS
        and not replaced_link_text(old, new)
    )


def links_inside(anchor: HtmlElement) -> bool:
    """A link to a named place in the page (a bare "#" is a script's button)."""
    href = (anchor.get("href") or "").strip()
    return href.startswith("#") and len(href) > 1


def is_line_of_links(element: HtmlElement) -> bool:
    """Whether (nearly) all of the element's words are links to other pages."""
    # A heading that links elsewhere (a listicle's "2. <product>") is the article's
    # structure, as for the one-page link-line rule (boilerplate.py).
    if any(e.tag in HEADINGS for e in (element, *element.iterancestors())):
        return False
    # A line whose item also links to a place in the page (a footnote's "^" back
    # to the sentence citing it) is the article's own apparatus: its linked title
    # is a source, not a teaser.
    item = element if element.tag in _ITEM_TAGS else next(element.iterancestors(*_ITEM_TAGS), None)
    if any(links_inside(a) for a in (item if item is not None else element).iter("a")):
        return False
    total = len(text_key(element.text_content()))
    linked = sum(len(text_key(a.text_content())) for a in element.iter("a") if links_elsewhere(a))
    return total > 0 and linked >= LINK_LINE_SHARE * total


def line_element(text: str, tree: HtmlElement) -> HtmlElement | None:
    """The element the page prints as `text` (furniture.printed_element), or the link
    it stands in: a button or a card whose words sit in a <span> inside its <a> is
    that link's line, all of whose words are the link's."""
    element = printed_element(text, tree)
    if element is None:
        return None
    return next(element.iterancestors("a"), element)


def _in_line_of_links(anchor: HtmlElement) -> bool:
    line = next(anchor.iterancestors(*_LINE_TAGS), None)
    return line is not None and links_elsewhere(anchor) and is_line_of_links(line)


def _changed_line_links(
    before_tree: HtmlElement, after_tree: HtmlElement
) -> tuple[list[str], list[str]] | None:
    """Keys of the link texts (before, after) that changed between the captures in
    lines of links; None when the pages' links do not pair up one to one."""
    before_links, after_links = list(before_tree.iter("a")), list(after_tree.iter("a"))
    if len(before_links) != len(after_links) or len(before_links) > _MAX_LINKS:
        return None
    old: list[str] = []
    new: list[str] = []
    for first, second in zip(before_links, after_links, strict=True):
        first_key, second_key = text_key(first.text_content()), text_key(second.text_content())
        if first_key == second_key:
            continue
        # A linked sentence edited inside is an edit wherever it is.
        if (
            _in_line_of_links(first)
            and _in_line_of_links(second)
            and not link_sentence_edited(first.text_content(), second.text_content())
        ):
            old.append(first_key)
            new.append(second_key)
    return old, new


def _without(block: str, keys: Sequence[str]) -> str:
    """The block's key with each of `keys` taken out once where it occurs."""
    remainder = text_key(block)
    for key in sorted(keys, key=len, reverse=True):
        if key:
            remainder = remainder.replace(key, "", 1)
    return remainder


def set_aside_glued_link_churn(
    gone: list[str], before_tree: HtmlElement, new: list[str], after_tree: HtmlElement
) -> tuple[list[str], list[str]]:
    """`gone` and `new` without the pairs of blocks that differ only in the text of
    links set in lines of links (see the module docstring)."""
    if not gone or not new:
        return gone, new
    changed = _changed_line_links(before_tree, after_tree)
    if changed is None or not changed[0]:
        return gone, new
    old_keys, new_keys = changed
    remainders = [_without(block, new_keys) for block in new]
    kept_gone: list[str] = []
    taken: set[int] = set()
    for block in gone:
        remainder = _without(block, old_keys)
        match = next(
            (
                index
                for index, other in enumerate(remainders)
                if index not in taken
                and other == remainder
                and remainder != text_key(block)
                and other != text_key(new[index])
            ),
            None,
        )
        if match is None:
            kept_gone.append(block)
        else:
            taken.add(match)
    return kept_gone, [block for index, block in enumerate(new) if index not in taken]
