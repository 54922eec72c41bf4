"""Author names: the printed "By …" line, and names tidied into one byline string.

The byline is part of what a version compares, so it must name people and
nothing that changes on its own: not a date ("Sat, 20 Dec, 2025 - 06:36" is no
"Sat"), not the word "By" printed apart from the name, not a menu's "By
industry" or a footer's "By using this site, you agree…", not a template's
unfilled field ("page.head.extra.author").
"""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.stamps import strip_stamps, without_stamps
from newsdiff_gui.core.extract.text_key import HEADINGS, UNPRINTED_TAGS, ends_sentence, printed_text
from newsdiff_gui.core.normalize import clean_text

_BY_PREFIX = re.compile(
    r"^(?:by|written by|words by|von|par|por|door|di)\s*:?(?:\s+|$)", re.IGNORECASE
)
_MAX_NAME_CHARS = 80
# The word that joined the names to the date cut off ("Ana Ruiz on November 14").
_DATE_JOINER = re.compile(r"\s+(?:on|at|am|le|el)$", re.IGNORECASE)
# No letter at all (a profile's number), or a dotted template path.
_NOT_A_NAME = re.compile(r"^[\W\d_]*$|^\w+(?:\.\w+){3,}$")

_BYLINE_XPATH = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')"
    " or contains(@class, 'byline-author') or contains(@class, 'byline__author')"
    " or @rel='author' or contains(@class, 'author-name')]"
)
_BY_LINE = re.compile(r"^(?:by|written by)\s+\S", re.IGNORECASE)
_BY_ALONE = frozenset({"by", "by:", "written by", "written by:"})
_MAX_BYLINE_WORDS = 14
# "By" and a name with its initials and a title ("By Jane Q. Doe, Ph.D."): no sentence.
_MAX_NAME_WORDS = 6
# Blocks whose own text starts with "by" (any case): where a printed "By …" line is.
_BY_LEAD_XPATH = etree.XPath(
    "//*[self::p or self::span or self::div]"
    "[starts-with(translate(substring(normalize-space(text()), 1, 10), 'BYWRITEN', 'bywriten'),"
    " 'by') or starts-with(translate(substring(normalize-space(text()), 1, 10), 'BYWRITEN',"
    " 'bywriten'), 'written by')]"
)
_MAX_BY_LEADS = 20
# An author's link in these is another story's (a menu of teasers); an article's
# <header>, <footer> and <aside> hold its own author box.
_NOT_AUTHOR_BOXES = frozenset({"nav", "form", "menu"})
# A "By …" line in these is a footer's terms ("By using this site…"), a menu's
# filter ("By industry"), never a byline.
_NOT_BY_LINE_BOXES = _NOT_AUTHOR_BOXES | {"footer"}
# How comment systems mark a reader's comment (WordPress, Disqus-like threads).
_COMMENT_CLASSES = frozenset(
    {"comment", "comments", "comment-body", "comment-content", "commentlist", "comment-list"}
)
_COMMENT_ID = re.compile(r"^comments?(?:[-_]\w+)?$", re.IGNORECASE)
# How far up from a lone "By" the name is looked for.
_MAX_BY_LEVELS = 2


def make_byline(names: tuple[str, ...]) -> str | None:
    """Distinct names joined with ", ", without "By" prefixes; None when there are none.

    Dates, reading times and counts printed with the names ("Updated November
    18, 2025") are cut off: they change on their own and are not the byline.
    """
    kept: list[str] = []
    for name in names:
        # html.unescape: a CMS that escapes twice states "Maria &amp; Katerina".
        text = clean_text(html.unescape(name))
        names_only = strip_stamps(text)
        if names_only != text:
            names_only = _DATE_JOINER.sub("", names_only)
        text = _BY_PREFIX.sub("", names_only).strip(" ,;|")
        if not text or len(text) > _MAX_NAME_CHARS or _NOT_A_NAME.match(text):
            continue
        if text.casefold() not in (k.casefold() for k in kept):
            kept.append(text)
    return ", ".join(kept) or None


def visible_byline(tree: HtmlElement) -> str | None:
    """The printed "By ..." line, for pages that state their authors nowhere else."""
    for element in tree.xpath(_BYLINE_XPATH)[:5]:
        text = printed_text(element)
        if (
            text
            and len(text.split()) <= _MAX_BYLINE_WORDS
            and not _inside(element, _NOT_AUTHOR_BOXES)
            and not belongs_elsewhere(element)
        ):
            return _named(element, text)
    # Some templates have no class to go by: a short paragraph starting "By ".
    # libxml2 finds the candidates; a cap on the elements read before them would
    # move with the page's furniture (a menu's markup), and the byline with it.
    for element in _BY_LEAD_XPATH(tree)[:_MAX_BY_LEADS]:
        lead = (element.text or "").strip()
        if not lead or not (_BY_LINE.match(lead) or lead.casefold() in _BY_ALONE):
            continue
        text = printed_text(element)
        if (
            len(text.split()) <= _MAX_BYLINE_WORDS
            and not _is_by_sentence(text)
            and not _inside(element, _NOT_BY_LINE_BOXES)
            and not belongs_elsewhere(element)
        ):
            return _named(element, text)
    return None


def belongs_elsewhere(element: HtmlElement) -> bool:
    """Another story's (in a teaser card) or a reader's (in a comment): what names or
    dates it there is not the article's byline."""
    return in_teaser_card(element) or _in_comment(element)


def _in_comment(element: HtmlElement) -> bool:
    """Inside a reader's comment, as comment systems mark it (a class token, a
    "comment-…" id, schema.org's Comment): "by <a>reader</a>" heads each one."""
    for ancestor in element.iterancestors():
        tokens = set((ancestor.get("class") or "").casefold().split())
        if (
            tokens & _COMMENT_CLASSES
            or _COMMENT_ID.match(ancestor.get("id") or "")
            or "schema.org/comment" in (ancestor.get("itemtype") or "").casefold()
        ):
            return True
    return False


def in_teaser_card(element: HtmlElement) -> bool:
    """Inside a link that holds a heading: a card teasing another story ("<a
    class=card><h3>Headline</h3><div itemprop=author>By …</div></a>"), whose author
    and dates are that story's, and change when the site rotates its cards."""
    return any(next(link.iter(*HEADINGS), None) is not None for link in element.iterancestors("a"))


def _is_by_sentence(text: str) -> bool:
    """A sentence opening with "By", not a line of names: "By checking out, you agree
    to our Terms of Use." ends as a sentence does after more words than a name has.
    A date after the names ("By Ana Ruiz on Monday, December 2nd, 2019.") is no word
    of a sentence."""
    return ends_sentence(text) and len(without_stamps(text).split()) > _MAX_NAME_WORDS


def _inside(element: HtmlElement, boxes: frozenset[str]) -> bool:
    return any(ancestor.tag in boxes for ancestor in element.iterancestors())


def _named(element: HtmlElement, text: str) -> str | None:
    """`text`, or when it is only the word "By" (the name printed in the next box:
    `<span>By</span><a>Ana Ruiz</a>`), "By" and the first name printed after it."""
    if text.casefold() not in _BY_ALONE:
        return text
    node: HtmlElement | None = element
    for _ in range(_MAX_BY_LEVELS + 1):
        if node is None:
            break
        name = _printed_after(node)
        if name:
            return f"{text} {name}"
        node = node.getparent()
    return None


def _printed_after(element: HtmlElement) -> str | None:
    """The first line printed right after the element, within its parent."""
    tail = clean_text(element.tail or "")
    if tail:
        return tail
    for sibling in element.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        # Its first line of text: a name's link, not the profile card after it.
        for node in sibling.iter():
            printed = isinstance(node.tag, str) and node.tag not in UNPRINTED_TAGS
            own = clean_text(node.text or "") if printed else ""
            if own:
                return None if _is_credit(element, node) else own
        tail = clean_text(sibling.tail or "")
        if tail:
            return tail
    return None


def _is_credit(by: HtmlElement, name: HtmlElement) -> bool:
    """Whether "by" and the name after it credit someone for something printed before
    them ("RuffRuff Apps by Tsun", a widget's maker): text precedes "by" on its line
    and the name is a link that opens another site in a new window. (A guest
    author's "By <a target=_blank>…</a>" opens the line.)"""
    link = name if name.tag == "a" else next(name.iterancestors("a"), None)
    if link is None:
        return False
    rel = (link.get("rel") or "").casefold().split()
    if link.get("target") != "_blank" and "external" not in rel:
        return False
    parent = by.getparent()
    before = (parent.text or "") if parent is not None else ""
    for sibling in by.itersiblings(preceding=True):
        before += sibling.text_content() + (sibling.tail or "")
    return bool(clean_text(before))
