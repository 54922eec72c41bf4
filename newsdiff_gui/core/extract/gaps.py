"""Paragraphs of the story the engine dropped from among the paragraphs it kept.

The engine discards whole elements by their class or id ("slider", "meta",
"rating", "expand", …: tokens that usually mark furniture) and scores the rest by
their surroundings; a paragraph of the story set in a box so named, or in a
section of its own between two kept ones (a guide's introduction in a "process
slider" section, a paragraph beside a product box), is lost with it, and an
edit there makes no version.

Such a paragraph is put back, after the kept block it follows, when the page
says it is the story's:
- it stands among the kept paragraphs: a kept block shortly before it and
  another shortly after it, in the page's order (at most twenty blocks apart:
  one section, not the comments under the story or a sidebar beside it);
- or it is the next paragraph of a kept (or put-back) paragraph in the same box
  (past a list between them), however far the next kept block (an
  introduction's last paragraphs before a table of products);
- it is a paragraph of prose: a <p> with no blocks inside, of sentences, mostly
  its own words rather than links; a box of prose (a <div> with no blocks inside:
  a callout under a kept heading, an "Updates:" note) only right beside kept
  blocks, at most two blocks from them, since many such boxes are promotions and
  bios;
- it is nothing the page sets apart: not hidden, not in a header, footer,
  aside, navigation, form, figure or quotation (captions and quoted posts have
  their own rules), and not the blurb of a teaser card (a box holding little
  else than a linked headline of another story).
A list set between a kept paragraph and a put-back one is then read again by the
list rule (core/extract/lists.py), which keeps a list between two kept paragraphs.
A put-back paragraph then meets the furniture rules like any other block (a
newsletter prompt, a notice: core/extract/boilerplate.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES, is_hidden_box
from newsdiff_gui.core.extract.lists import restore_article_lists
from newsdiff_gui.core.extract.text_key import (
    BLOCK_TAGS,
    LIST_TAGS,
    UNPRINTED_TAGS,
    block_positions,
    ends_sentence,
    linked_chars,
    printed_lines,
    printed_text,
    text_key,
    with_inserts,
)

# Boxes whose paragraphs other rules judge (captions, quoted posts) or that are furniture.
_SET_APART = FURNITURE_BOXES | {"figure", "figcaption", "blockquote"} | UNPRINTED_TAGS
# A dropped paragraph's kept neighbours lie within this many blocks of each other in
# the page's order: one section of it.
_MAX_SPAN = 20
# A box of prose (a <div> with no block inside: a callout, an "Updates:" note) is the
# story's only right beside kept blocks: many such boxes are promotions or bios.
_BOX_SPAN = 2
_MIN_CHARS = 100
_PROSE_TAGS = frozenset({"p", "div"})
_MAX_LINK_SHARE = 0.3
# A teaser card: a box, up to this many levels above the blurb, whose other text is
# mostly a link of a headline's length.
_CARD_LEVELS = 2
_CARD_LINK_SHARE = 0.6
_MIN_HEADLINE_KEY = 15
# A card's text beside its blurb: a headline, a label, a date (characters).
_MAX_CARD_EXTRA = 600
# A bound on hostile pages: the rule reads at most this many blocks of a page.
_MAX_BLOCKS = 200_000


@dataclass(frozen=True)
class _Dropped:
    """A paragraph the blocks lack, the kept block before it (its index among the
    blocks and its place among the page's blocks), and how many blocks after that
    place the next kept block may stand (fewer for a box of prose than a paragraph)."""

    text: str
    after: int
    kept_at: int
    span: int


def _leaf_blocks(tree: HtmlElement) -> Iterator[tuple[int, HtmlElement]]:
    """The blocks with no block inside, in the page's order, each with its place among
    all the page's blocks (one walk: a block's end comes after its inner blocks')."""
    opened: list[list[int]] = []  # [place, holds a block] of each open block
    place = 0
    for event, element in etree.iterwalk(tree, events=("start", "end"), tag=BLOCK_TAGS):
        if event == "start":
            if opened:
                opened[-1][1] = 1
            opened.append([place, 0])
            place += 1
            continue
        start, holds = opened.pop()
        if not holds:
            yield start, element


def _set_apart(element: HtmlElement) -> bool:
    return any(
        ancestor.tag in _SET_APART or is_hidden_box(ancestor)
        for ancestor in (element, *element.iterancestors())
    )


def _linked_key_chars(element: HtmlElement) -> int:
    return sum(len(text_key(anchor.text_content())) for anchor in element.iter("a"))


def _box_text(box: HtmlElement, limit: int) -> str | None:
    """The box's text, or None once it runs past `limit` characters (a page's column
    of a thousand paragraphs is read no further)."""
    pieces: list[str] = []
    length = 0
    for piece in box.itertext():
        pieces.append(piece)
        length += len(piece)
        if length > limit:
            return None
    return "".join(pieces)


def _teaser_blurb(element: HtmlElement) -> bool:
    """Whether the paragraph is the blurb of a teaser card: the nearest box (parent or
    grandparent) that holds more than it holds little else than a link, a headline."""
    own_text = element.text_content()
    own = len(text_key(own_text))
    own_linked = _linked_key_chars(element)
    for box in islice(element.iterancestors(), _CARD_LEVELS):
        text = _box_text(box, len(own_text) + _MAX_CARD_EXTRA)
        if text is None:
            return False  # far more than a headline beside it: no card
        rest = len(text_key(text)) - own
        if rest <= 0:
            continue  # a box holding the paragraph alone: the card, if any, is above
        linked = _linked_key_chars(box) - own_linked
        return rest >= _MIN_HEADLINE_KEY and linked >= _CARD_LINK_SHARE * rest
    return False


def _prose(element: HtmlElement, text: str) -> str | None:
    """The paragraph's text when it reads as the story's prose, else None."""
    if len(text) < _MIN_CHARS or not ends_sentence(text):
        return None
    if linked_chars(element) > _MAX_LINK_SHARE * len(text):
        return None
    return None if _set_apart(element) or _teaser_blurb(element) else text


def _kept_index(element: HtmlElement, key: str, positions: dict[str, int]) -> int | None:
    """The index of the block that holds the element's text, or of the last of the
    blocks its lines were kept as (a <p> whose lines are a heading and a paragraph)."""
    index = positions.get(key)
    if index is not None or element.find("br") is None:
        return index
    lines = [positions.get(text_key(line)) for line in printed_lines(element)]
    kept = [line for line in lines if line is not None]
    return max(kept) if kept and len(kept) == len(lines) else None


def _dropped_prose(
    leaves: list[tuple[int, HtmlElement]], positions: dict[str, int]
) -> dict[HtmlElement, str]:
    """The page's paragraphs and boxes of prose that are not among the blocks."""
    found: dict[HtmlElement, str] = {}
    for _, paragraph in leaves:
        if paragraph.tag not in _PROSE_TAGS:
            continue
        raw = paragraph.text_content()
        if len(raw) < _MIN_CHARS:
            continue  # shorter still once cleaned: a line, not a paragraph
        key = text_key(raw)
        if not key or key in positions:
            continue
        # A script or style inside prints nothing (a link's click handler).
        text = printed_text(paragraph)
        if _prose(paragraph, text) is not None:
            found[paragraph] = text
    return found


def _near_places(places: list[int]) -> Callable[[int], bool]:
    """Whether a place in the page's order is within the span of one of `places`
    (sorted): a block farther from every dropped paragraph is no neighbour of one."""

    def near(place: int) -> bool:
        at = bisect_left(places, place - _MAX_SPAN)
        return at < len(places) and places[at] <= place + _MAX_SPAN

    return near


def restore_dropped_paragraphs(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` with the story's paragraphs the engine dropped from among them put back."""
    if len(blocks) < 2:
        return blocks
    positions = block_positions(blocks)
    leaves = list(islice(_leaf_blocks(tree), _MAX_BLOCKS))
    candidates = _dropped_prose(leaves, positions)
    if not candidates:
        return blocks  # most pages: every paragraph of prose is kept
    covered = cache(lambda: "".join(text_key(block) for block in blocks))
    inserts = _put_back(leaves, candidates, positions, covered)
    # A list set between a kept paragraph and those put back is the story's too.
    return restore_article_lists(with_inserts(blocks, inserts), tree) if inserts else blocks


def _put_back(
    leaves: list[tuple[int, HtmlElement]],
    candidates: dict[HtmlElement, str],
    positions: dict[str, int],
    covered: Callable[[], str],
) -> dict[int, list[str]]:
    """The dropped paragraphs to put back, under the index of the block they follow."""
    # Only blocks this near a dropped paragraph can be its neighbours: the others'
    # text is not read (a page's thousand boxes of comments and menus).
    near = _near_places([order for order, element in leaves if element in candidates])
    dropped: list[_Dropped] = []
    last_kept: tuple[int, int] | None = None  # (block index, place in the page's order)
    inserts: dict[int, list[str]] = {}
    restored: set[str] = set()
    standing: set[HtmlElement] = set()  # kept paragraphs and those put back after one
    for order, element in leaves:
        if not near(order):
            continue
        key = text_key(element.text_content())
        index = _kept_index(element, key, positions) if key else None
        if index is not None:
            # A kept block: the paragraphs dropped shortly before it are put back.
            for paragraph in dropped:
                if order - paragraph.kept_at <= paragraph.span:
                    inserts.setdefault(paragraph.after, []).append(paragraph.text)
            dropped.clear()
            last_kept = (index, order)
            if element.tag == "p":
                standing.add(element)
            continue
        text = candidates.get(element)
        span = _MAX_SPAN if element.tag == "p" else _BOX_SPAN
        if text is None or last_kept is None or order - last_kept[1] > span:
            continue
        key = text_key(text)
        # Held by the blocks inside a longer block, or printed twice (a course's note
        # under each of its tabs): kept once.
        if key in restored or key in covered():
            continue
        restored.add(key)
        if _previous_paragraph(element) in standing:
            # The next paragraph of a kept one in the same box: the story's, however
            # far the next kept block (the introduction's last paragraphs before a
            # table of products).
            inserts.setdefault(last_kept[0], []).append(text)
            standing.add(element)
        else:
            dropped.append(_Dropped(text, *last_kept, span))
    return inserts


def _previous_paragraph(element: HtmlElement) -> HtmlElement | None:
    """The element before this one in its box, past comments and lists (a list set
    between two paragraphs is judged by the list rule once both are back)."""
    previous = element.getprevious()
    while previous is not None and (not isinstance(previous.tag, str) or previous.tag in LIST_TAGS):
        previous = previous.getprevious()
    return previous
