"""Check the engine's paragraphs against the article text the page states itself.

Some publishers put the whole story in JSON-LD `articleBody`. It is a second,
independent witness: when it contains everything the engine found and more,
the engine missed part of the story (a paywall fold, a lazy-loaded section);
when the engine found everything it says plus blocks it never mentions, those
blocks are furniture. `articleBody` is also sometimes a teaser, a template
label or stale, so it only ever decides when the two largely agree.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.text_key import text_key
from newsdiff_gui.core.normalize import clean_text

_TAG = re.compile(r"<[^>]{0,500}>")
_WORD = re.compile(r"\w+")
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
# Thresholds, as word-bag shares: "contains everything" tolerates the few words
# (captions, a stray label) either side adds; "more" means clearly more.
_MIN_BODY_WORDS = 80
_SUPERSET_GROWTH = 1.5
_ENGINE_INSIDE_BODY = 0.8
_BODY_INSIDE_ENGINE = 0.9
_PARAGRAPH_IN_BODY = 0.5
_COMPARABLE_SIZE = 0.7
_DOM_COVERAGE = 0.8
_MAX_DOM_BLOCKS = 5000


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def _share_inside(part: Counter[str], whole: Counter[str]) -> float:
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 0.0


def plain_article_body(article_body: str) -> str:
    """The JSON-LD body as text: some CMSes put HTML or entities in it."""
    text = html.unescape(_TAG.sub("\n", article_body))
    return "\n".join(clean_text(line) for line in text.splitlines() if clean_text(line))


def _dom_paragraphs(tree: HtmlElement, body_key: str, list_items: set[str]) -> list[str]:
    """Blocks of the page whose text is part of the stated body, or is one of the
    article's `list_items`, in page order."""
    found: list[str] = []
    seen: set[str] = set()
    for count, element in enumerate(tree.iter(*_BLOCK_TAGS)):
        if count >= _MAX_DOM_BLOCKS:
            break
        # Nested blocks (a <p> inside an <li>) are read once, at the innermost level.
        if any(child.tag in _BLOCK_TAGS for child in element.iterdescendants()):
            continue
        text = clean_text(element.text_content())
        key = text_key(text)
        if len(key) < 2 or key in seen or (key not in body_key and key not in list_items):
            continue
        seen.add(key)
        found.append(text)
    return found


def _unsquash(paragraphs: list[str], body: str) -> list[str]:
    """Split a block that is the whole stated body back into the body's paragraphs.

    When the page's HTML yields too little, the engine falls back to `articleBody`
    and returns it as a single block, losing the paragraph breaks it carries.
    """
    lines = [line for line in body.split("\n") if line]
    if len(lines) < 2:
        return paragraphs
    body_key = text_key(body)
    result: list[str] = []
    for text in paragraphs:
        if text_key(text) == body_key:
            result.extend(lines)
        else:
            result.append(text)
    return result


def _article_list_items(tree: HtmlElement, body_key: str) -> set[str]:
    """Keys of list items set among the stated body's paragraphs on the page.

    Many CMSes leave bulleted lists out of `articleBody`; a list whose neighbours
    are the body's own paragraphs is part of the article all the same.
    """
    items: set[str] = set()
    for count, item in enumerate(tree.iter("li")):
        if count >= _MAX_DOM_BLOCKS:
            break
        listing = item.getparent()
        container = listing.getparent() if listing is not None else None
        if container is None:
            continue
        if any(
            sibling.tag == "p"
            and len(text_key(sibling.text_content())) > 20
            and text_key(sibling.text_content()) in body_key
            for sibling in container
        ):
            items.add(text_key(item.text_content()))
    return items


def reconcile(paragraphs: list[str], article_body: str | None, tree: HtmlElement) -> list[str]:
    """The engine's paragraphs, completed or filtered by `articleBody` where it is trustworthy."""
    if not article_body:
        return paragraphs
    body = plain_article_body(article_body)
    body_words = _words(body)
    if sum(body_words.values()) < _MIN_BODY_WORDS:
        return paragraphs
    paragraphs = _unsquash(paragraphs, body)
    engine_words = _words(" ".join(paragraphs))
    engine_total = sum(engine_words.values())
    body_total = sum(body_words.values())

    if (
        body_total >= _SUPERSET_GROWTH * engine_total
        and _share_inside(engine_words, body_words) >= _ENGINE_INSIDE_BODY
    ):
        body_key = text_key(body)
        from_page = _dom_paragraphs(tree, body_key, _article_list_items(tree, body_key))
        stated = (text_key(text) for text in from_page)
        covered = sum(len(key) for key in stated if key in body_key)
        if covered >= _DOM_COVERAGE * len(body_key):
            return from_page
        return [line for line in body.split("\n") if line]

    # A body much shorter than the engine's text is a teaser (often cut at 500
    # characters), not a witness to what the rest of the story is.
    if (
        body_total >= _COMPARABLE_SIZE * engine_total
        and _share_inside(body_words, engine_words) >= _BODY_INSIDE_ENGINE
    ):
        body_key = text_key(body)
        list_items = _article_list_items(tree, body_key)
        kept = [
            text
            for text in paragraphs
            if text_key(text) in body_key
            or text_key(text) in list_items
            or _share_inside(_words(text), body_words) >= _PARAGRAPH_IN_BODY
        ]
        if kept:
            return kept
    return paragraphs
