"""A box of other stories' teasers ending the reading is furniture; a list of linked items is not.

Pages written here (a fictional regional paper). The engine reads some pages'
"Other columns" box as the article's end; the fake engine below reads every
heading and paragraph in page order, as it does there.
"""

from __future__ import annotations

import lxml.html
import pytest
from lxml.html import HtmlElement

from newsdiff_gui.core.extract import api, extract_document
from newsdiff_gui.core.extract.engine import EngineResult
from newsdiff_gui.core.extract.teasers import drop_trailing_teasers
from newsdiff_gui.core.normalize import clean_text
from newsdiff_gui.core.store.version_store import content_hash

_STORY = [
    "The council voted on Tuesday to close the old ferry terminal at the end of the summer, "
    "after an engineer's report found its pilings had rotted below the waterline.",
    "Commuters who use the morning crossing will be moved to the new pier at Skerry Point, "
    "which opened in March and has room for two boats at a time.",
    "The terminal building itself will be offered to the harbour trust, which has asked to "
    "turn it into a small museum of the town's fishing fleet.",
]
_TEASERS = [
    ("Editorial", "A pier is not a plan", "The council keeps building where the boats are not."),
    ("Letters", "Readers on the bus lanes", "Six readers on the new lanes through the old town."),
    ("Column", "Why the tide tables lie", "A retired pilot explains what the charts leave out."),
]


def _page(teasers: list[tuple[str, str, str]], label: str = "Other Opinion Columns") -> str:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in _STORY)
    box = "".join(
        f"<div class='story-block'><h4><strong class='kicker'>{kicker}</strong> "
        f"<a href='/opinion/{n}'>{headline}</a></h4><p class='standfirst'>{blurb}</p></div>"
        for n, (kicker, headline, blurb) in enumerate(teasers)
    )
    return (
        "<html><head><title>Ferry terminal to close</title></head><body>"
        f"<article><h1>Ferry terminal to close</h1>{story}"
        f"<div class='group'><h2>{label}</h2>{box}</div></article></body></html>"
    )


def _every_block(tree: HtmlElement, url: str | None) -> EngineResult:
    """The engine's reading of such pages: the article's headings and paragraphs, in order."""
    article = next(tree.iter("article"))
    blocks = [clean_text(e.text_content()) for e in article.iter("h2", "h3", "h4", "p", "li")]
    return EngineResult([block for block in blocks if block], thin=False)


@pytest.fixture
def reading_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "engine_blocks", _every_block)


@pytest.mark.usefixtures("reading_everything")
def test_a_box_of_other_columns_after_the_story_is_not_the_story() -> None:
    document = extract_document(_page(_TEASERS))
    assert list(document.paragraphs) == _STORY
    # The section publishes a new column: the box changes, the story does not.
    newer = [("Column", "The gulls are winning", "On the harbour's other residents."), *_TEASERS]
    assert content_hash(extract_document(_page(newer[:3]))) == content_hash(document)


@pytest.mark.usefixtures("reading_everything")
def test_an_edit_to_the_story_above_the_box_still_makes_a_version() -> None:
    edited = _page(_TEASERS).replace("two boats", "three boats")
    assert content_hash(extract_document(edited)) != content_hash(extract_document(_page(_TEASERS)))


def _blocks_and_tree(html: str) -> tuple[list[str], HtmlElement]:
    tree = lxml.html.document_fromstring(html)
    return _every_block(tree, None).blocks, tree


def test_a_page_that_is_a_list_of_linked_items_stays_whole() -> None:
    # A guide to the harbour's webcams: a line of introduction, then the items.
    items = "".join(
        f"<h3><a href='/cams/{n}'>{name} webcam</a></h3><p>{line}</p>"
        for n, (name, line) in enumerate(
            [
                ("Skerry Point", "Looks west over the new pier and the morning ferry."),
                ("Old terminal", "Shows the terminal building and the fish market roof."),
                ("Lighthouse", "Turns with the lamp; best after dark in winter."),
            ]
        )
    )
    html = f"<html><body><article><p>Our cameras.</p>{items}</article></body></html>"
    blocks, tree = _blocks_and_tree(html)
    assert drop_trailing_teasers(blocks, tree) == blocks


def test_headings_that_only_link_a_word_are_the_story() -> None:
    # "my <a>sandals</a>": a phrase with a link, not another story's headline.
    items = "".join(
        f"<h4>my <a href='/blog/{word}'>{word}</a></h4><p>Worn every day since {year}.</p>"
        for word, year in (("sandals", 2019), ("boots", 2021), ("waders", 2022))
    )
    story = "".join(f"<p>{paragraph}</p>" for paragraph in _STORY)
    html = f"<html><body><article>{story}{items}</article></body></html>"
    blocks, tree = _blocks_and_tree(html)
    assert drop_trailing_teasers(blocks, tree) == blocks


def test_a_story_list_ending_in_short_items_is_no_box_title() -> None:
    story = "".join(f"<p>{p}</p>" for p in _STORY)
    html = _page(_TEASERS).replace(
        "<div class='group'><h2>Other Opinion Columns</h2>",
        f"{story}<ul><li>Skerry Point: two berths</li></ul><div class='group'>",
    )
    blocks, tree = _blocks_and_tree(html)
    kept = drop_trailing_teasers(blocks, tree)
    assert kept[-1] == "Skerry Point: two berths"


def test_one_pointer_printed_on_two_lines_is_no_box() -> None:
    # "Headline" / "Column": one heading read as two blocks is one teaser.
    story = "".join(f"<p>{paragraph}</p>" for paragraph in _STORY)
    pointer = (
        "<h3><a href='/tides'>Why the tide tables lie</a><br><em>Column</em></h3>"
        "<p>A retired pilot explains what the charts leave out.</p>"
    )
    html = f"<html><body><article>{story}{pointer}</article></body></html>"
    tree = lxml.html.document_fromstring(html)
    blocks = [
        *_STORY,
        "Why the tide tables lie",
        "Column",
        "A retired pilot explains what the charts leave out.",
    ]
    assert drop_trailing_teasers(blocks, tree) == blocks


def test_pointers_to_other_sites_are_the_writers_own() -> None:
    html = _page(_TEASERS).replace("href='/opinion/", "href='https://elsewhere.example/")
    blocks, tree = _blocks_and_tree(html)
    assert drop_trailing_teasers(blocks, tree) == blocks
    # The page's own address makes its absolute links its own.
    own = html.replace(
        "<head>", "<head><link rel='canonical' href='https://elsewhere.example/ferry'>"
    )
    blocks, tree = _blocks_and_tree(own)
    assert drop_trailing_teasers(blocks, tree) == _STORY


def test_malformed_addresses_point_nowhere() -> None:
    # "http://[…" cannot be parsed: no outlet, no crash, and the headings are no teasers.
    html = _page(_TEASERS).replace("href='/opinion/", "href='http://[opinion-")
    html = html.replace("<head>", "<head><link rel='canonical' href='http://[ferry'>")
    blocks, tree = _blocks_and_tree(html)
    assert drop_trailing_teasers(blocks, tree) == blocks
    assert list(extract_document(html).paragraphs)[:3] == _STORY
