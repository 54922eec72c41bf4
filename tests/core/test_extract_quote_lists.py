"""A list of quotations with who said each, printed after the story (a carousel of
reactions under its own heading), is the story's; a comment thread, a list of
teasers, a box in the sidebar and a list after unrelated text are not.

Pages are written here (a fictional paper's story about a court ruling on ferry
fares). The engine drops such a carousel on real templates (each quote deep in
wrappers of its own); the rule is given the blocks the engine kept.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.api import extract_document
from newsdiff_gui.core.extract.quote_lists import restore_quote_lists

_P = [
    "The state's highest court ruled on Thursday that the island ferry company may not "
    "raise fares for residents by more than the rate of inflation.",
    "The ruling ends a two-year dispute between the company and the island council, "
    "which had argued that the fares were set by a contract signed in 1998.",
    "The company said it would study the judgment before deciding whether to cut the "
    "timetable for the winter months.",
]
_QUOTES = [
    (
        "“This is a victory for every family on the island who has had to choose between "
        "a doctor's visit on the mainland and the weekly shopping.”",
        "Maria Alvarez, chair of the island council",
    ),
    (
        "“We respect the court's decision, and our first concern remains a safe and "
        "reliable service for the people who depend on it.”",
        "Tom Becker, chief executive of Harbour Ferries",
    ),
    (
        "“The contract was always clear. It is a pity it took two years and a court to say so.”",
        "Ines Novak, lawyer for the residents' association",
    ),
]


def _carousel(quotes: list[tuple[str, str]], heading: str = "What they said") -> str:
    slides = "".join(
        f"<li class='slide'><div><div class='quote'>{words}</div>"
        f"<div class='quote__source'>{source}</div></div></li>"
        for words, source in quotes
    )
    return (
        f"<div class='reactions'><div class='reactions__info'><h3>{heading}</h3></div>"
        "<div class='reactions__quotes'><div class='track' aria-label='Quotes'>"
        f"<ul class='slides'>{slides}</ul></div></div></div>"
    )


def _page(after_story: str, *, sidebar: str = "") -> str:
    story = "".join(f"<p>{text}</p>" for text in _P)
    return (
        "<html><body><main><article><h1>Court caps island ferry fares</h1>"
        f"{story}<p><a class='cta' href='/ruling.pdf'>Read the ruling</a></p></article>"
        f"{after_story}</main><aside>{sidebar}</aside>"
        "<footer><p>© The Island Courier</p></footer></body></html>"
    )


def _restored(after_story: str, *, sidebar: str = "") -> list[str]:
    return restore_quote_lists(list(_P), lxml.html.fromstring(_page(after_story, sidebar=sidebar)))


def _block(quote: tuple[str, str]) -> str:
    return f"{quote[0]} {quote[1]}"


def test_a_carousel_of_quotes_after_the_story_is_put_back_under_its_heading() -> None:
    assert _restored(_carousel(_QUOTES)) == [
        *_P,
        "What they said",
        *(_block(quote) for quote in _QUOTES),
    ]


def test_a_changed_or_withdrawn_quote_changes_the_stored_text() -> None:
    before = _restored(_carousel(_QUOTES))
    softened = [(_QUOTES[0][0].replace("a victory", "a step"), _QUOTES[0][1]), *_QUOTES[1:]]
    assert _restored(_carousel(softened)) != before
    assert _restored(_carousel(_QUOTES[1:])) != before
    renamed = [*_QUOTES[:2], (_QUOTES[2][0], "Ines Novak, a lawyer")]
    assert _restored(_carousel(renamed)) != before


def test_quotes_in_blockquotes_with_a_cite_are_quotations_too() -> None:
    items = "".join(
        f"<li><blockquote><p>{words}</p><cite>{source}</cite></blockquote></li>"
        for words, source in _QUOTES
    )
    blocks = _restored(f"<section><h2>Reactions</h2><ul>{items}</ul></section>")
    assert blocks[3] == "Reactions"
    assert blocks[4:] == [_block(quote) for quote in _QUOTES]


def test_the_engine_s_own_reading_of_the_quotes_stands() -> None:
    kept = [*_P, _QUOTES[0][0]]
    tree = lxml.html.fromstring(_page(_carousel(_QUOTES)))
    assert restore_quote_lists(kept, tree) == kept


def test_a_comment_thread_is_not_a_list_of_quotations() -> None:
    comments = "".join(
        f"<li class='comment'><div class='author'>{source.split(',')[0]}</div>"
        f"<div class='date'>December 24, 2025 at 3:53 am</div><div class='text'>{words}</div>"
        "<div class='reply'><a href='#reply'>Reply</a></div></li>"
        for words, source in _QUOTES
    )
    assert _restored(f"<div><h3>3 thoughts on this story</h3><ol>{comments}</ol></div>") == _P


def test_a_comment_with_only_a_date_for_a_source_is_not_a_quotation() -> None:
    dated = [(words, "December 24, 2025 at 3:53 am") for words, _ in _QUOTES]
    assert _restored(_carousel(dated)) == _P


def test_a_list_of_teasers_is_not_a_list_of_quotations() -> None:
    teasers = "".join(
        f"<li><div><a href='/story/{i}'>{words}</a></div><div>{source}</div></li>"
        for i, (words, source) in enumerate(_QUOTES)
    )
    assert _restored(f"<div><h3>More on this story</h3><ul>{teasers}</ul></div>") == _P


def test_quotes_under_a_furniture_label_are_not_taken() -> None:
    assert _restored(_carousel(_QUOTES, heading="Comments")) == _P


def test_quotes_after_text_that_is_not_the_story_are_not_taken() -> None:
    prompt = (
        "<div class='newsletter'><p>Get the Island Courier's morning briefing in your inbox "
        "every weekday, with the day's ferry times and weather.</p></div>"
    )
    assert _restored(prompt + _carousel(_QUOTES)) == _P


def test_quotes_in_the_sidebar_are_not_taken() -> None:
    assert _restored("", sidebar=_carousel(_QUOTES)) == _P


def test_a_single_quote_or_a_list_of_short_lines_is_not_a_list_of_quotations() -> None:
    assert _restored(_carousel(_QUOTES[:1])) == _P
    short = [("“Great service.”", "Ana, Lisbon"), ("“Fast and friendly.”", "Raj, Leeds")]
    assert _restored(_carousel(short)) == _P


def test_an_edit_to_a_quote_in_a_carousel_makes_a_new_version_end_to_end() -> None:
    url = "https://courier.example/news/2026/12/court-caps-island-ferry-fares"
    before = extract_document(_page(_carousel(_QUOTES)), url)
    softened = [(_QUOTES[0][0].replace("a victory", "a step"), _QUOTES[0][1]), *_QUOTES[1:]]
    after = extract_document(_page(_carousel(softened)), url)
    assert any("a victory for every family" in block for block in before.paragraphs)
    assert before.paragraphs != after.paragraphs
