"""The lines of a paragraph broken by <br>, each an element of its own.

The engine often keeps each line of such a paragraph as a block: a press
release's closing lines ("Source: ANI<br>Read more news like this on
<a>…</a>"), a post's notes ("Some links are affiliate ones.<br>For more
information, visit our <a>Disclosure page</a>."), a pager ("Next article:
<a>…</a><br>Previous article: <a>…</a>"). Between two captures, the rules that
judge a changed block by the element the page prints it as (a line of links, a
promo sentence whose link alone changed: core/extract/link_churn.py) found no
element for such a line, and its change stood as an edit of the story.

Each line of a paragraph of inline content is wrapped in a <span>, so a line is
an element as a paragraph is, at the same place in both captures when the page
around it is the same. A paragraph holding blocks is left as it is: its lines
are those blocks.
"""

from __future__ import annotations

from itertools import islice

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.text_key import BLOCK_TAGS, UNPRINTED_TAGS

# A bound on hostile pages: at most this many line breaks are read.
_MAX_BREAKS = 20_000


def wrap_broken_lines(tree: HtmlElement) -> None:
    """Wrap each line of every paragraph of inline content broken by <br> in a <span>."""
    parents = dict.fromkeys(br.getparent() for br in islice(tree.iter("br"), _MAX_BREAKS))
    for parent in parents:
        if parent is None or parent.tag in UNPRINTED_TAGS:
            continue
        if any(element.tag in BLOCK_TAGS for element in parent.iterdescendants()):
            continue
        _wrap_lines(parent)


def _wrap_lines(parent: HtmlElement) -> None:
    lines: list[tuple[str | None, list[HtmlElement]]] = []
    breaks: list[HtmlElement] = []
    text: str | None = parent.text
    members: list[HtmlElement] = []
    for child in parent:
        if child.tag == "br":
            lines.append((text, members))
            breaks.append(child)
            text, members = child.tail, []
        else:
            members.append(child)
    lines.append((text, members))
    parent.text = None
    for child in list(parent):
        # A child's tail leaves with it (lxml keeps it on the child); a break's tail
        # is the next line's first text.
        parent.remove(child)
    for index, (text, members) in enumerate(lines):
        line = parent.makeelement("span", {})
        line.text = text
        for member in members:
            line.append(member)
        parent.append(line)
        if index < len(breaks):
            breaks[index].tail = None
            parent.append(breaks[index])
