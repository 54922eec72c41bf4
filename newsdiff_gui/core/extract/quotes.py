"""A quoted post set between the story's paragraphs is article text.

Stories quote statements and posts as a <blockquote> between two paragraphs,
often wrapped in an embed's own boxes (and its loader <script>). The engine
keeps the paragraphs and drops the quote with its wrapper, so an edit to the
quoted words ("five" -> "six") would never make a version. The quote's
paragraphs are put back, right after the kept paragraph before it.

A quote counts as the article's when its position says so, never its class names:
- the element holding only the quote (the quote or its wrappers) sits in the
  same container as the story's paragraphs, with a kept paragraph before it and
  another after it, and no paragraph the engine left out in between (an image or
  an ad box between them is passed over);
- it is mostly words, not links, and the engine has none of its words already
  (a pull quote repeats a kept sentence).
Only the quote's own paragraphs come back: an embed's attribution line (the
poster's name and a date link) is its furniture.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES, inside_boxes
from newsdiff_gui.core.extract.text_key import (
    UNPRINTED_TAGS,
    block_positions,
    linked_chars,
    text_key,
    with_inserts,
)
from newsdiff_gui.core.normalize import clean_text

# A quoted sentence may link a word or two; a quote that is mostly links is a teaser.
_MAX_LINK_SHARE = 0.5
_MIN_QUOTE_KEY = 20
# Bounds for hostile pages.
_MAX_QUOTES = 100
_MAX_SIBLINGS = 12


def _holder(quote: HtmlElement) -> HtmlElement:
    """The outermost element whose printed text is the quote's alone."""
    own = text_key(quote.text_content())
    holder = quote
    for parent in quote.iterancestors():
        if parent.tag in ("body", "html") or text_key(_printed_text(parent)) != own:
            break
        holder = parent
    return holder


def _printed_text(element: HtmlElement) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in UNPRINTED_TAGS:
            parts.append(_printed_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _kept_neighbour(
    holder: HtmlElement, position: dict[str, int], *, preceding: bool
) -> int | None:
    """Index of the kept paragraph next to the holder, passing over what holds no
    paragraph (an image, an ad slot, a script); None at a paragraph not kept."""
    for count, sibling in enumerate(holder.itersiblings(preceding=preceding)):
        if count >= _MAX_SIBLINGS or not isinstance(sibling.tag, str):
            return None
        if sibling.tag == "p":
            return position.get(text_key(sibling.text_content()))
        if next(sibling.iter("p", "blockquote"), None) is not None:
            return None  # a box with paragraphs of its own: not passed over
    return None


def _quote_blocks(quote: HtmlElement) -> list[str]:
    paragraphs = [clean_text(p.text_content()) for p in quote.iter("p")]
    blocks = [p for p in paragraphs if p]
    text = clean_text(quote.text_content())
    linked = linked_chars(quote)
    if len(text_key(" ".join(blocks))) < _MIN_QUOTE_KEY or linked > _MAX_LINK_SHARE * len(text):
        return []
    return blocks


def restore_article_quotes(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the quotes the engine dropped from the story's flow put back."""
    if not blocks:
        return blocks
    position = block_positions(blocks)
    kept_text = "\n".join(position)
    inserts: dict[int, list[str]] = {}
    for count, quote in enumerate(tree.iter("blockquote")):
        if count >= _MAX_QUOTES:
            break
        if next(quote.iterancestors("blockquote"), None) is not None or inside_boxes(
            quote, FURNITURE_BOXES
        ):
            continue
        quoted = _quote_blocks(quote)
        if not quoted or any(text_key(block) in kept_text for block in quoted):
            continue
        holder = _holder(quote)
        before = _kept_neighbour(holder, position, preceding=True)
        if before is None or _kept_neighbour(holder, position, preceding=False) is None:
            continue
        inserts.setdefault(before, []).extend(quoted)
    return with_inserts(blocks, inserts)
