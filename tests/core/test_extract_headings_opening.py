"""The headings that open the story's own box are its text (headings.py).

A template may set the story's standfirst as a heading ("<h3>If you are new to
flood insurance, …</h3>") at the top of the box that holds the story, with the
first section's title under it. The engine often drops both, and the rule that
puts subheadings back looked for the story's text before a heading: there is
none before the first. An edit to the standfirst then made no version.

Pages are written here (a fictional county's flood-insurance guide).
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.headings import restore_subheadings

_STANDFIRST = (
    "If you are new to flood insurance, the forms can seem daunting. They do not have to be. "
    "Read on for a plain guide to what a policy covers."
)
_P = (
    "A flood policy pays for damage that rising water does to a building and, if you choose, "
    "to what is inside it, up to the limits the policy states.",
    "Most home policies leave flooding out, so the county's advisers suggest reading the "
    "exclusions page of your policy before the storm season starts in October.",
    "Claims must be made within sixty days of the flood, with photographs of the damage and "
    "receipts for repairs made to stop further harm.",
    "The county runs free advice sessions at its libraries every Thursday evening until the "
    "end of November, and no appointment is needed.",
)
_SIDEBAR = (
    "<div class='rail'><div class='widget'><h3>Find an adviser</h3>"
    "<div><p><span>Search for an adviser near you.</span></p></div></div></div>"
)


def _page(opening: str) -> str:
    """A guide whose sidebar comes before the story in the page's order."""
    return (
        "<html><body><div class='page'><h1>Flood insurance explained</h1>"
        f"{_SIDEBAR}<div class='content'>{opening}<p>{_P[0]}</p><p>{_P[1]}</p>"
        f"<h4>Making a claim</h4><p>{_P[2]}</p><p>{_P[3]}</p></div></div></body></html>"
    )


def test_a_standfirst_heading_and_the_first_section_s_title_opening_the_story_go_back() -> None:
    tree = lxml.html.document_fromstring(
        _page(f"<h3>{_STANDFIRST}</h3><h5>What a flood policy covers</h5>")
    )
    # The engine kept the sidebar's line and the story's paragraphs and subheading.
    blocks = ["Search for an adviser near you.", _P[0], _P[1], "Making a claim", _P[2], _P[3]]

    assert restore_subheadings(blocks, tree) == [
        "Search for an adviser near you.",
        _STANDFIRST,
        "What a flood policy covers",
        *blocks[1:],
    ]


def test_the_opening_heading_goes_before_the_first_block_when_it_is_the_story_s() -> None:
    tree = lxml.html.document_fromstring(_page("<h5>What a flood policy covers</h5>"))
    blocks = [_P[0], _P[1], "Making a claim", _P[2], _P[3]]

    assert restore_subheadings(blocks, tree) == ["What a flood policy covers", *blocks]


def test_a_widget_heading_opening_a_box_of_one_kept_line_stays_out() -> None:
    # "Find an adviser" opens its box, which holds a line the engine kept: a line or
    # two is no story, so the widget's title does not enter the text.
    tree = lxml.html.document_fromstring(_page(""))
    blocks = ["Search for an adviser near you.", _P[0], _P[1], "Making a claim", _P[2], _P[3]]

    assert restore_subheadings(blocks, tree) == blocks


def test_an_opening_heading_the_engine_kept_split_at_its_line_break_is_not_doubled() -> None:
    tree = lxml.html.document_fromstring(
        _page("<h2><span>Flood insurance<br>The complete guide</span></h2>")
    )
    blocks = ["Flood insurance", "The complete guide", _P[0], _P[1], "Making a claim", _P[2]]

    assert restore_subheadings(blocks, tree) == blocks
