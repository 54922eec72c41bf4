"""A box of other stories' teasers after the story is furniture.

News pages end the article with a box of teasers: "Latest news", "Other
Opinion Columns", a section's newest posts. Each teaser is a headline linked
to another story, often under a kicker ("Editorial"), with the first lines of
that story under it. The engine sometimes reads the box as the article's last
part; the link rules leave headings alone (a listicle's items are linked
headings too), so the teasers stay, and when the box changes (it does, with
every new story of the section) the headlines and their blurbs change with it:
a new version of an article nobody touched.

The box is recognised by its shape at the end of the reading, not by its words:
- it is the reading's last blocks: two or more headings, each of which is a
  link to another page of the same site (a writer's pointers to other sites,
  "Beyond our pages: a video channel", are the story's) and nothing else but a
  kicker set in its own element ("my <a>sandals</a>" is a phrase with a link,
  not a headline), each followed
  by at most one short block (the blurb), and at most one short label line
  before them ("Other Opinion Columns"), not a list item (a story's list ends
  in short items);
- the story before it is longer than the box: a page that is a list of linked
  items with a line on each (a guide to webcams, a reading list) is all such
  items, and stays whole.
"""

from __future__ import annotations

import itertools

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import is_hidden_box, printed_element
from newsdiff_gui.core.extract.link_entries import links_elsewhere
from newsdiff_gui.core.extract.sites import on_this_site, own_outlets
from newsdiff_gui.core.extract.text_key import (
    SUBHEADINGS,
    ends_sentence,
    printed_lines,
    text_key,
    text_length,
)

# Bounds the work on hostile pages; a box holds a few dozen teasers at most.
_MAX_HEADINGS = 400
_MIN_TEASERS = 2
# Share of a teaser heading's text that is its link's (the rest is a kicker).
_MIN_LINK_SHARE = 0.6
_MAX_BLURB_WORDS = 60
_MAX_LABEL_WORDS = 6


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _is_teaser_heading(heading: HtmlElement, outlets: frozenset[str]) -> bool:
    """Whether a heading is a link to another story of this site and nothing else
    but a kicker."""
    links = [anchor for anchor in heading.iter("a") if links_elsewhere(anchor)]
    targets = {anchor.get("href") or "" for anchor in links}
    # One story per heading, on this site: a writer's own pointers to other sites
    # ("Beyond our pages: a video channel …") are the story's.
    if len(targets) != 1 or not on_this_site(next(iter(targets)), outlets):
        return False
    # Words of the heading's own outside its elements make it a phrase, not a headline.
    if not _blank(heading.text) or any(not _blank(child.tail) for child in heading):
        return False
    own = len(text_key(heading.text_content()))
    linked = sum(len(text_key(anchor.text_content())) for anchor in links)
    return own > 0 and linked >= _MIN_LINK_SHARE * own and not is_hidden_box(heading)


def _teaser_headings(tree: HtmlElement) -> dict[str, HtmlElement]:
    """The page's teaser headings, by the keys of the blocks a reading may print them
    as: the whole heading, each of its lines, each of its parts ("Editorial" /
    "Fraser's lasting legacy")."""
    outlets = own_outlets(tree)
    found: dict[str, HtmlElement] = {}
    for heading in itertools.islice(tree.iter(*SUBHEADINGS), _MAX_HEADINGS):
        if not _is_teaser_heading(heading, outlets):
            continue
        parts = [heading.text_content(), *printed_lines(heading)]
        parts += [
            part.text_content() for part in heading.iterdescendants() if isinstance(part.tag, str)
        ]
        for part in parts:
            found.setdefault(text_key(part), heading)
    found.pop("", None)
    return found


def _is_label(block: str, tree: HtmlElement) -> bool:
    """A box's title line: a few words, no sentence, not an item of a list."""
    if len(block.split()) > _MAX_LABEL_WORDS or ends_sentence(block):
        return False
    element = printed_element(block, tree)
    return element is not None and not any(
        e.tag == "li" for e in (element, *element.iterancestors())
    )


def _box_start(blocks: list[str], tree: HtmlElement) -> int | None:
    """Where a trailing box of teasers begins in `blocks` (None when there is none)."""
    headings = _teaser_headings(tree)
    if not headings:
        return None
    start = len(blocks)
    teasers: list[HtmlElement] = []
    while start > 0:
        heading = headings.get(text_key(blocks[start - 1]))
        step = 1
        if heading is None and start >= 2 and len(blocks[start - 1].split()) <= _MAX_BLURB_WORDS:
            heading, step = headings.get(text_key(blocks[start - 2])), 2
        if heading is None:
            break
        # A heading printed on two lines ("Headline" / "A weekly paper") is one teaser.
        if not teasers or heading is not teasers[-1]:
            teasers.append(heading)
        start -= step
    if len(teasers) < _MIN_TEASERS:
        return None
    if start > 0 and _is_label(blocks[start - 1], tree):
        start -= 1
    return start


def drop_trailing_teasers(blocks: list[str], tree: HtmlElement) -> list[str]:
    """`blocks` without a box of other stories' teasers ending them (see module)."""
    start = _box_start(blocks, tree)
    if start is None or start == 0:
        return blocks
    return blocks[:start] if text_length(blocks[:start]) > text_length(blocks[start:]) else blocks
