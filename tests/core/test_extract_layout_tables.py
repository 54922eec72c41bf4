"""A page laid out in a table keeps its paragraphs; a data table keeps its rows.

Pages are written here (a fictional weekly newsletter of a fictional society),
shaped like the many older sites whose template is one big table: a column of
links in one cell, the story in the next. The engine reads such a table as
data, and its cell became one block: the whole story one 20,000-character
paragraph, every edit a rewrite of all of it.
"""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document
from tests.support.checks import stores_a_version

_STORY = [
    "The Harbour Society met on Tuesday evening to vote on the future of the old ferry "
    "pier, which has been closed to the public since a storm damaged its deck in January.",
    "Members heard from the engineer who inspected the pier in March. She said that 14 of "
    "the wooden piles were rotten and that the deck could not be repaired in its present form.",
    "The treasurer reported that the society holds enough money to replace the deck but not "
    "the piles, and that a grant from the county would be needed for the rest of the work.",
    "After a long discussion the members voted by 31 votes to 12 to apply for the grant and "
    "to keep the pier closed until the county has answered, which may take until the autumn.",
    "Several members asked that the pier's lamps, which were made in the town in 1908, be "
    "kept and restored whatever happens to the rest of the structure.",
]


def _page(story: list[str], rows: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in story)
    data = "<table><tr><th>Item</th><th>Cost</th></tr>" + rows + "</table>" if rows else ""
    return (
        "<html><head><title>Harbour Society Weekly</title></head><body>"
        '<table width="100%"><tr>'
        '<td class="nav"><p><a href="/">Front page</a></p><p><a href="/archive">Archive</a>'
        '</p><p><a href="/events">Events</a></p><p><a href="/join">Join</a></p></td>'
        '<td class="main"><h1>Harbour Society Weekly for May 6</h1>'
        "<h2>The society votes on the ferry pier</h2>"
        f'<div class="byline">By <b>Ann Marsh</b></div>{paragraphs}{data}</td>'
        "</tr></table>"
        '<table><tr><td><a href="/contact">Contact</a></td><td><a href="/faq">FAQ</a></td>'
        "</tr></table></body></html>"
    )


def test_a_story_in_a_layout_table_keeps_its_paragraphs() -> None:
    document = extract_document(_page(_STORY))
    for text in _STORY:
        assert text in document.paragraphs
    assert max(len(p) for p in document.paragraphs) < 300


def test_an_edit_in_a_story_laid_out_in_a_table_is_one_paragraph_edited() -> None:
    edited = [*_STORY[:3], _STORY[3].replace("31 votes to 12", "32 votes to 12"), *_STORY[4:]]
    before, after = extract_document(_page(_STORY)), extract_document(_page(edited))
    changed = set(before.paragraphs) ^ set(after.paragraphs)
    assert changed == {_STORY[3], edited[3]}
    assert stores_a_version(_page(_STORY), _page(edited))


def test_a_data_table_keeps_one_block_per_row() -> None:
    rows = (
        "<tr><td><p>New deck</p><p>oak boards</p><p>fitted in summer</p></td>"
        "<td>£42,000</td></tr>"
        "<tr><td><p>Lamps</p><p>restored</p><p>by a local smith</p></td><td>£3,500</td></tr>"
    )
    document = extract_document(_page(_STORY, rows))
    assert "New deck oak boards fitted in summer | £42,000" in document.paragraphs
    assert "Lamps restored by a local smith | £3,500" in document.paragraphs
