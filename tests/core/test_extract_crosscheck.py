"""The article text a page states (JSON-LD `articleBody`) as a second witness.

When the stated body holds far more than the engine found, the story is read
from the page's own blocks that the body names; a bulleted list set among them
is the article's too, though many CMSes leave lists out of `articleBody` (or
state a body written before the list was added).

Pages are written here (a fictional harbour authority's new charges).
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.crosscheck import reconcile
from tests.support.pages import HARBOUR

_LIST = (
    "Berths for boats under ten metres will cost 8 euros a night.",
    "Berths for larger boats will cost 12 euros a night.",
)


def _tree(*, with_list: bool) -> lxml.html.HtmlElement:
    items = "".join(f"<li>{item}</li>" for item in _LIST)
    paragraphs = [f"<p>{text}</p>" for text in HARBOUR]
    if with_list:
        paragraphs.insert(2, f"<ul>{items}</ul>")
    nav = "<ul class='menu'><li><a href='/'>Home</a></li><li><a href='/x'>Sport</a></li></ul>"
    return lxml.html.fromstring(
        f"<html><body><nav>{nav}</nav><article>{''.join(paragraphs)}</article></body></html>"
    )


def test_a_list_among_the_stated_bodys_paragraphs_is_read_with_them() -> None:
    # The engine found the first two paragraphs only; the stated body has all of
    # them and no list.
    found = reconcile(list(HARBOUR[:2]), "\n".join(HARBOUR), _tree(with_list=True))
    assert found == [*HARBOUR[:2], *_LIST, *HARBOUR[2:]]


def test_without_a_list_the_stated_bodys_paragraphs_are_read_alone() -> None:
    found = reconcile(list(HARBOUR[:2]), "\n".join(HARBOUR), _tree(with_list=False))
    assert found == list(HARBOUR)
