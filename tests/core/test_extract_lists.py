"""Lists set in the article's flow are article text: an edit inside one makes a version.

Pages are written here (fictional council, fictional prices), shaped like a small
site's template that puts its paragraphs straight into a layout <div>, the case in
which the engine keeps the paragraphs and drops the list between them.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.lists import restore_article_lists
from newsdiff_gui.core.store.version_store import content_hash

_INTRO = (
    "The town council voted on Monday to change the prices of the municipal swimming pool "
    "from the first of April, after two years in which the pool lost money every month."
)
_LEAD_IN = (
    "The new prices were published on the council's website after the vote, and they will "
    "apply to every visitor who buys a pass at the desk or online from April onwards:"
)
_AFTER = (
    "Councillors who voted against the change said the family price would keep poorer "
    "households away, and asked for a review of the decision after the summer season."
)
_CLOSING = (
    "The pool's manager said attendance had recovered since the reopening of the changing "
    "rooms, and that the new prices would pay for the repairs to the roof next winter."
)


def _prices(family: int) -> str:
    return (
        "<ul><li>A single swim costs 4 euros for adults.</li>"
        f"<li>A family pass costs {family} euros a month.</li>"
        "<li>Children under six swim free with an adult.</li></ul>"
    )


def _page(listing: str) -> str:
    return (
        "<!DOCTYPE html><html><head><title>Pool prices change in April | Riverside Notes"
        "</title></head><body>"
        '<div class="top"><a href="/">Home</a> <a href="/town">Town</a> '
        '<a href="/sport">Sport</a></div>'
        f"<h1>Pool prices change in April</h1><p>{_INTRO}</p><p>{_LEAD_IN}</p>{listing}"
        f"<p>{_AFTER}</p><p>{_CLOSING}</p>"
        '<ul class="more"><li><a href="/town/bridge">Bridge repairs start next week</a></li>'
        '<li><a href="/town/market">Market moves to the square</a></li>'
        '<li><a href="/town/bus">New bus timetable for the summer</a></li></ul>'
        "</body></html>"
    )


def test_a_figure_changed_in_a_list_between_paragraphs_is_a_new_version() -> None:
    before = extract_document(_page(_prices(30)))
    after = extract_document(_page(_prices(32)))
    assert content_hash(before) != content_hash(after)
    lead_in = after.paragraphs.index(_LEAD_IN)
    assert after.paragraphs[lead_in + 1 : lead_in + 4] == (
        "A single swim costs 4 euros for adults.",
        "A family pass costs 32 euros a month.",
        "Children under six swim free with an adult.",
    )


def test_a_list_of_links_after_the_story_stays_out() -> None:
    document = extract_document(_page(_prices(30)))
    assert not any("Bridge repairs" in paragraph for paragraph in document.paragraphs)


def _restored(markup: str, kept: list[str]) -> list[str]:
    return restore_article_lists(kept, lxml.html.document_fromstring(markup))


def test_a_list_is_put_back_only_between_kept_paragraphs() -> None:
    markup = f"<html><body><div><p>{_INTRO}</p>{_prices(30)}<p>{_AFTER}</p></div></body></html>"
    assert len(_restored(markup, [_INTRO, _AFTER])) == 5
    # The paragraph after the list was not kept: the list may be a box beside the story.
    assert _restored(markup, [_INTRO]) == [_INTRO]
    # The paragraph before it was not kept either: nothing anchors the list.
    assert _restored(markup, [_AFTER]) == [_AFTER]


def test_a_list_a_kept_paragraph_introduces_is_put_back_whatever_follows_it() -> None:
    # "… from April onwards:" announces the list; the page's footer line after it
    # (which the engine drops) does not make it a box beside the story.
    footer = "<div class='updated'>Last updated 3 March by the town's web team.</div>"
    markup = f"<html><body><div><p>{_LEAD_IN}</p>{_prices(30)}{footer}</div></body></html>"
    assert _restored(markup, [_LEAD_IN]) == [
        _LEAD_IN,
        "A single swim costs 4 euros for adults.",
        "A family pass costs 30 euros a month.",
        "Children under six swim free with an adult.",
    ]
    # Links a lead-in introduces are still a menu ("More on this:"), not the story.
    more = (
        "<ul><li><a href='/a'>Bridge repairs start next week</a></li>"
        "<li><a href='/b'>Market moves to the square</a></li></ul>"
    )
    markup = f"<html><body><div><p>{_LEAD_IN}</p>{more}{footer}</div></body></html>"
    assert _restored(markup, [_LEAD_IN]) == [_LEAD_IN]


def test_lists_in_navigation_or_already_kept_are_left_alone() -> None:
    in_nav = f"<html><body><nav><p>{_LEAD_IN}</p>{_prices(30)}</nav><p>{_AFTER}</p></body></html>"
    assert _restored(in_nav, [_LEAD_IN, _AFTER]) == [_LEAD_IN, _AFTER]
    markup = f"<html><body><p>{_LEAD_IN}</p>{_prices(30)}<p>{_AFTER}</p></body></html>"
    kept = [_LEAD_IN, "A single swim costs 4 euros for adults.", _AFTER]
    assert _restored(markup, kept) == kept


def test_consecutive_lists_follow_one_another_in_page_order() -> None:
    second = "<ol><li>Pay at the desk or online.</li><li>Show the pass at the gate.</li></ol>"
    markup = f"<html><body><p>{_LEAD_IN}</p>{_prices(30)}{second}<h2>Reactions</h2></body></html>"
    restored = _restored(markup, [_LEAD_IN])
    assert restored[1] == "A single swim costs 4 euros for adults."
    assert restored[-2:] == ["Pay at the desk or online.", "Show the pass at the gate."]


def test_a_paragraph_split_at_a_line_break_still_anchors_the_list() -> None:
    split = f"<p>{_INTRO}<br>{_LEAD_IN}</p>"
    markup = f"<html><body>{split}{_prices(30)}<p>{_AFTER}</p></body></html>"
    restored = _restored(markup, [_INTRO, _LEAD_IN, _AFTER])
    assert restored[2:4] == [
        "A single swim costs 4 euros for adults.",
        "A family pass costs 30 euros a month.",
    ]


def test_a_list_between_paragraphs_the_engine_kept_as_one_block_is_put_back() -> None:
    # An old table layout: the engine keeps the whole story as one block.
    merged = f"{_INTRO} {_LEAD_IN} {_AFTER}"
    markup = (
        f"<html><body><table><tr><td><p>{_INTRO}</p><p>{_LEAD_IN}</p>{_prices(30)}"
        f"<p>{_AFTER}</p></td></tr></table></body></html>"
    )
    assert _restored(markup, [merged]) == [
        merged,
        "A single swim costs 4 euros for adults.",
        "A family pass costs 30 euros a month.",
        "Children under six swim free with an adult.",
    ]
    # A short line found inside a kept block is no anchor: it may be there by chance.
    short = f"<html><body><p>Prices from April:</p>{_prices(30)}<p>{_AFTER}</p></body></html>"
    assert _restored(short, [f"Prices from April: {_AFTER}"]) == [f"Prices from April: {_AFTER}"]


def _story_with_related(headlines: list[str]) -> str:
    related = "".join(
        f'<li><a href="/town/{n}">{headline}</a></li>' for n, headline in enumerate(headlines)
    )
    return (
        "<!DOCTYPE html><html><head><title>Pool prices change in April | Riverside Notes"
        "</title></head><body><main><article><h1>Pool prices change in April</h1>"
        f"<div class='text'><p>{_INTRO}</p><p>{_LEAD_IN}</p><ul>{related}</ul>"
        f"<p>{_AFTER}</p><p>{_CLOSING}</p></div></article></main></body></html>"
    )


def test_a_list_of_nothing_but_links_inside_the_story_is_furniture() -> None:
    before = extract_document(
        _story_with_related(
            [
                "Council Could Potentially Close the Old Harbour Baths Before Next Summer",
                "Residents Ask for a Public Vote on the Future of the Riverside Swimming Pool",
            ]
        )
    )
    after = extract_document(
        _story_with_related(
            [
                "Bridge Repairs Start Next Week After the Floods Damaged Both Banks",
                "Market Moves to the Square for the Summer Months, Traders Say",
            ]
        )
    )
    assert content_hash(before) == content_hash(after)
    assert before.paragraphs == (_INTRO, _LEAD_IN, _AFTER, _CLOSING)


def test_a_list_with_words_around_its_links_stays() -> None:
    sources = [
        'The <a href="/r/1">council minutes</a> of the March meeting',
        'A <a href="/r/2">letter from the pool manager</a> to residents',
    ]
    markup = (
        f"<html><body><main><article><h1>Pool prices change in April</h1><p>{_INTRO}</p>"
        f"<p>{_LEAD_IN}</p><ul>{''.join(f'<li>{s}</li>' for s in sources)}</ul>"
        f"<p>{_AFTER}</p><p>{_CLOSING}</p></article></main></body></html>"
    )
    assert "A letter from the pool manager to residents" in extract_document(markup).paragraphs


def test_a_list_under_a_kept_heading_is_put_back() -> None:
    heading = "What changes in April"
    closing = "<b>Next page</b>: <a href='/sport'>Sport</a>"
    markup = f"<html><body><h2>{heading}</h2>{_prices(30)}{closing}</body></html>"
    restored = _restored(markup, [_LEAD_IN, heading, "Next page: Sport"])
    assert restored[2:5] == [
        "A single swim costs 4 euros for adults.",
        "A family pass costs 30 euros a month.",
        "Children under six swim free with an adult.",
    ]
    # After the list, text the engine did not keep: the list may be a box of its own.
    markup = f"<html><body><h2>{heading}</h2>{_prices(30)}<p>Advertisement</p></body></html>"
    assert _restored(markup, [_LEAD_IN, heading]) == [_LEAD_IN, heading]


def test_a_list_of_buttons_is_a_toolbar_not_text() -> None:
    toolbar = (
        "<ul><li><button>Share on the town forum</button></li>"
        "<li><button>Share by email with a friend</button></li></ul>"
    )
    markup = f"<html><body><p>{_LEAD_IN}</p>{toolbar}<p>{_AFTER}</p></body></html>"
    assert _restored(markup, [_LEAD_IN, _AFTER]) == [_LEAD_IN, _AFTER]


def test_an_item_with_a_line_break_reads_as_words_and_is_not_doubled() -> None:
    label, detail = "Family pass", "A family pass costs 30 euros a month for two adults."
    listing = f"<ul><li><strong>{label}</strong><br>{detail}</li><li>Children swim free.</li></ul>"
    markup = f"<html><body><p>{_LEAD_IN}</p>{listing}<p>{_AFTER}</p></body></html>"
    restored = _restored(markup, [_LEAD_IN, _AFTER])
    assert restored[1] == f"{label} {detail}"
    # The engine kept the item's lines as blocks of their own: the list is there already.
    kept = [_LEAD_IN, label, detail, "Children swim free.", _AFTER]
    assert _restored(markup, kept) == kept


def test_an_empty_paragraph_in_each_item_is_old_markup_spacing_not_a_box() -> None:
    listing = (
        "<ul><li>“The family price is fair.” <i>(Most of the letters.)</i><p></p></li>"
        "<li>“Keep the pool open in winter.”<p></p></li></ul>"
    )
    markup = f"<html><body><p>{_LEAD_IN}</p><p> </p>{listing}</body></html>"
    assert _restored(markup, [_LEAD_IN]) == [
        _LEAD_IN,
        "“The family price is fair.” (Most of the letters.)",
        "“Keep the pool open in winter.”",
    ]


def test_a_widget_list_under_a_furniture_label_or_laid_out_in_boxes_stays_out() -> None:
    comments = (
        "<ul><li><a href='/a#c1'>Ana:</a> The family price keeps us away from the pool…"
        "<div class='clear'></div></li>"
        "<li><a href='/b#c2'>Tom:</a> About time the roof was repaired, it has leaked for…"
        "<div class='clear'></div></li></ul>"
    )
    markup = f"<html><body><p>{_LEAD_IN}</p>{comments}</body></html>"
    assert _restored(markup, [_LEAD_IN]) == [_LEAD_IN]
    # A kept heading that is a furniture label does not introduce the story's list.
    plain = comments.replace("<div class='clear'></div>", "")
    markup = f"<html><body><h2>Comments</h2>{plain}</body></html>"
    assert _restored(markup, [_LEAD_IN, "Comments"]) == [_LEAD_IN, "Comments"]


def test_a_script_inside_a_list_item_is_never_text() -> None:
    # An item that runs a script ("show the price in your currency") prints its words,
    # never the script's code.
    script = (
        "<script>// <![CDATA[\nfunction readCookie(name) { return document.cookie; }\n"
        "// ]]></script>"
    )
    listing = _prices(30).replace("a month.</li>", f"a month.{script}</li>")
    markup = f"<html><body><div><p>{_LEAD_IN}</p>{listing}<p>{_AFTER}</p></div></body></html>"
    restored = _restored(markup, [_LEAD_IN, _AFTER])
    assert "A family pass costs 30 euros a month." in restored
    assert not any("cookie" in block.casefold() for block in restored)
