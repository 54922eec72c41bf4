"""Our scorer reads the story's boxes beside its best one, as readability does.

List articles on large publishing templates print their introduction in a box of its
own above the box of the list's items. The scorer picked the items' box alone, so the
introduction ("Here are 12 plants …") was never stored and an edit to it made no
version. The engine is stood in for (it glues such pages into one block, and our
scorer reads them); the page is written here (fictional outlet).
"""

from __future__ import annotations

import pytest

from newsdiff_gui.core.extract import api, extract_document
from newsdiff_gui.core.extract.engine import EngineResult
from newsdiff_gui.core.extract.fallback import fallback_blocks
from newsdiff_gui.core.extract.parsing import parse_html

_TITLE = "Twelve plants that cope with a dim flat"
_INTRO = (
    "Not every room gets the sun, but a north-facing flat, a hallway or a basement "
    "office can still hold plenty of green, from ferns and palms to trailing vines.",
    "Here are 12 plants that cope with a dim room.",
)
_CALLOUT = "Some plants on this list are toxic to cats and dogs; check before you buy."
_ITEMS = tuple(
    (
        f"{number}. {name}",
        f"The {name.lower()} grows slowly, tolerates a dry week, a cold draught and a dark "
        f"corner, and needs a feed only twice a year, in spring and in late summer.",
        f"Light: low to medium. Water: when the top {number} cm of soil are dry.",
    )
    for number, name in enumerate(
        (
            "Snake plant",
            "Cast-iron plant",
            "Peace lily",
            "Parlour palm",
            "Pothos",
            "Zz plant",
            "Fern",
        ),
        1,
    )
)
_BIO = (
    "Ada Fern has written about houseplants for a decade, tends forty of them in a flat "
    "with one window, and answers readers' questions every Friday."
)
_COMMENT = (
    "Mine died within a month, to be honest, although I followed every step of this "
    "guide, watered it weekly and kept it well away from the radiator."
)


def _page(*, contents: bool = False) -> str:
    items = "".join(
        f"<div class='guide-item'><h2>{heading}</h2><p>{text}</p><p>{care}</p></div>"
        for heading, text, care in _ITEMS
    )
    jump = (
        "<div class='guide-contents'><p>"
        + " ".join(f"<a href='#item-{n}'>{h}</a>" for n, (h, _, _) in enumerate(_ITEMS, 1))
        + "</p></div>"
        if contents
        else ""
    )
    return (
        f"<html><head><title>{_TITLE} - Leaf &amp; Home</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/garden'>Garden</a></nav>"
        f"<main><article><h1>{_TITLE}</h1><div class='guide'>"
        f"{jump}"
        "<div class='guide-intro'>"
        + "".join(f"<p>{text}</p>" for text in _INTRO)
        + f"<div class='callout'><h3>Warning</h3><p>{_CALLOUT}</p></div></div>"
        f"<div class='guide-items'>{items}</div>"
        f"<div class='guide-bio'><p>{_BIO}</p></div>"
        f"<footer class='guide-replies'><article class='reply'><p>{_COMMENT}</p></article>"
        "</footer></div></article></main></body></html>"
    )


_STORY = (*_INTRO, "Warning", _CALLOUT, *(line for item in _ITEMS for line in item))


def test_the_introduction_beside_the_list_is_read() -> None:
    assert fallback_blocks(parse_html(_page())) == list(_STORY)


def test_prose_below_the_story_and_links_above_it_stay_out() -> None:
    # The writer's bio and a reader's reply are prose with few links, as an
    # introduction is, but below the story; the jump links above it are links.
    blocks = fallback_blocks(parse_html(_page(contents=True)))
    assert blocks == list(_STORY)


def test_an_edit_to_the_introduction_is_a_change(monkeypatch: pytest.MonkeyPatch) -> None:
    # As a check stores it: the engine glued the page, our scorer read it.
    glued = EngineResult([" ".join((*_STORY, _BIO, _COMMENT))], thin=False)
    assert len(glued.blocks[0]) > 2000  # a block no paragraph is as long as
    monkeypatch.setattr(api, "engine_blocks", lambda tree, url: glued)
    before = extract_document(_page(), "https://leafandhome.example/dim-flat-plants")
    after = extract_document(
        _page().replace("Here are 12 plants", "Here are 13 plants"),
        "https://leafandhome.example/dim-flat-plants",
    )
    assert before.paragraphs[:2] == _INTRO
    assert after.paragraphs[1] == "Here are 13 plants that cope with a dim room."


def test_a_sentence_s_link_keeps_its_words_whatever_its_class() -> None:
    """A class that reads as a widget's ("recommendation-inline-link") on a link
    inside a sentence made the scorer prune the link: "set aside as a . It wasn't"."""
    sentence = (
        "Growing up on a farm, I thought everyone had an acre set aside as a "
        "<a class='recommendation-inline-link' href='/garden/veg'>vegetable garden</a>"
        ". It wasn't until I owned my first home that I started one from scratch."
    )
    story = "".join(f"<p>{text}</p>" for text in (sentence, *_STORY))
    page = f"<html><body><div class='story-body'>{story}</div></body></html>"

    blocks = fallback_blocks(parse_html(page))

    assert blocks[0] == (
        "Growing up on a farm, I thought everyone had an acre set aside as a vegetable "
        "garden. It wasn't until I owned my first home that I started one from scratch."
    )


def test_a_widget_s_box_is_still_pruned_by_its_class() -> None:
    story = "".join(f"<p>{text}</p>" for text in _STORY)
    widget = (
        "<div class='recommended-stories'><p>Readers also liked these seven stories "
        "about gardens, harbours and the weather, picked for you this week.</p></div>"
    )
    page = f"<html><body><div class='story-body'>{story}{widget}</div></body></html>"

    assert fallback_blocks(parse_html(page)) == list(_STORY)
