"""The line citing the story's sources, right after it, is its text (story_sources.py).

Pages are written here (a fictional research station), shaped like a science
desk's template: the story, an "Explore further" teaser, a rule, then a box
"More information:" citing the paper the story reports.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.story_sources import restore_story_sources
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.pages import HARBOUR

_P = (
    "Researchers at the Harbour Marine Station say grey seals in the estuary now dive "
    "twice as deep as they did a decade ago, following fish that moved to colder water.",
    "The team fitted forty seals with depth tags over three winters and compared the "
    "records with surveys made by the station's founders in the early 2010s.",
)
_CITATION = (
    "More information: A. Morel et al. Diving depth of estuary grey seals, "
    "Journal of Coastal Ecology (2025). DOI: 10.1000/jce.2025.114"
)


def _page(closing: str, *, footer: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        "<html><body><article><h1>Seals dive deeper</h1>"
        f"<div class='body'><p>{_P[0]}</p><p>{_P[1]}</p><hr>"
        "<div class='explore'><p>Explore further</p>"
        "<a href='/news/seal-pups'>Seal pups counted from the air</a></div><hr>"
        f"{closing}</div></article><footer>{footer}</footer></body></html>"
    )


def test_the_citation_box_after_the_story_goes_back_after_its_last_block() -> None:
    tree = _page(
        "<div class='more'><strong>More information:</strong> A. Morel et al. "
        "<i>Diving depth of estuary grey seals</i>, Journal of Coastal Ecology (2025). "
        "<a href='https://doi.example/10.1000/jce.2025.114'>DOI: 10.1000/jce.2025.114</a></div>"
    )

    assert restore_story_sources(list(_P), tree) == [*_P, _CITATION]
    # Kept already (the engine read it): not doubled.
    assert restore_story_sources([*_P, _CITATION], tree) == [*_P, _CITATION]


def test_a_sources_line_set_as_a_heading_goes_back_too() -> None:
    tree = _page(
        "<h6>Sources: <a href='https://station.example/tags'>Seal tagging records</a>, "
        "Harbour Marine Station, 2025; <a href='https://survey.example/2012'>Estuary "
        "survey</a>, 2012.</h6>"
    )

    restored = restore_story_sources(list(_P), tree)

    assert restored[-1].startswith("Sources: Seal tagging records, Harbour Marine Station, 2025;")


def test_lines_that_cite_nothing_of_the_story_stay_out() -> None:
    hidden = f"<div style='display: none'>{_CITATION}</div>"
    # A bare heading over a list (the heading and list rules read it), a hidden box,
    # a sources line in the footer, a label with nothing after it.
    for closing, footer in (
        ("<h2>References:</h2><ol><li>A. Morel et al. (2025)</li></ol>", ""),
        (hidden, ""),
        ("", f"<p>{_CITATION}</p>"),
        ("<p>Sources:</p>", ""),
    ):
        tree = _page(closing, footer=footer)
        assert restore_story_sources(list(_P), tree) == list(_P)


def test_a_sources_line_before_the_story_s_end_is_not_the_story_s_closing() -> None:
    # A picture's "Sources: …" credit between two paragraphs is the picture's.
    tree = lxml.html.document_fromstring(
        f"<html><body><article><p>{_P[0]}</p><figure><img src='/seal.jpg'>"
        "<p class='credit'>Sources: Harbour Marine Station, tag records 2023</p></figure>"
        f"<p>{_P[1]}</p><div class='share'>Share this story</div></article></body></html>"
    )

    assert restore_story_sources(list(_P), tree) == list(_P)


def test_a_changed_citation_makes_a_version() -> None:
    def page(year: int) -> str:
        story = "".join(f"<p>{text}</p>" for text in (*_P, *HARBOUR))
        return (
            "<html><head><title>Seals dive deeper</title></head><body><article>"
            f"<h1>Seals dive deeper</h1><div class='body'>{story}<hr>"
            "<div class='explore'><p>Explore further</p>"
            "<a href='/news/seal-pups'>Seal pups counted from the air</a></div><hr>"
            "<div class='more'><strong>More information:</strong> A. Morel et al. "
            f"<i>Diving depth of estuary grey seals</i>, Journal of Coastal Ecology ({year}). "
            "<a href='https://doi.example/jce.114'>DOI: 10.1000/jce.114</a></div>"
            "</div></article></body></html>"
        )

    before, after = extract_document(page(2025)), extract_document(page(2026))

    assert any(p.startswith("More information: A. Morel") for p in before.paragraphs)
    assert content_hash(before) != content_hash(after)
