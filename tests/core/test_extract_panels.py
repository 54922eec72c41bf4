"""A panel the reader opens (an accordion's answer) is read as open; a sign-up
pop-up, a navigation drawer and hidden text no control opens stay hidden.

Pages are written here (a fictional council's guide to a new parking permit).
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.api import extract_document
from newsdiff_gui.core.extract.panels import open_panels

URL = "https://courier.example/guides/2026/12/new-parking-permits"
_INTRO = [
    "The council will replace paper parking permits with digital ones from the first of "
    "March, and every household in the old town must apply again before the end of May.",
    "Residents who do not apply in time will have to pay the visitor rate, the council "
    "said, though it promised a month of grace for anyone who asks for one in writing.",
]
_ANSWERS = {
    "How much does a permit cost?": (
        "A permit costs {price} pounds a year for the first car and twice that for a second "
        "car registered at the same address, payable online or at the town hall."
    ),
    "Can visitors park in the old town?": (
        "Visitors can buy a day pass for four pounds from the machines on each street, or "
        "through the council's parking app, which also sends a reminder before it runs out."
    ),
}
_SIGNUP = "Get the council's weekly newsletter with road works and bin collection dates."
_DRAWER = "Council tax Bins and recycling Parking Housing Planning applications Libraries"


def _faq(price: int) -> str:
    items = []
    for number, (question, answer) in enumerate(_ANSWERS.items()):
        items.append(
            f"<div class='faq'><h3><button aria-controls='answer-{number}' "
            f"aria-expanded='false'>{question}</button></h3>"
            f"<div id='answer-{number}' role='region' style='display:none; color: #333'>"
            f"<p>{answer.format(price=price)}</p></div></div>"
        )
    return "".join(items)


def _page(price: int = 60, *, hidden_text: str = "") -> str:
    intro = "".join(f"<p>{text}</p>" for text in _INTRO)
    return (
        "<html><head><title>New parking permits: what you need to know</title></head><body>"
        "<header><button aria-controls='drawer' aria-expanded='false'>Menu</button>"
        f"<div id='drawer' hidden><p>{_DRAWER}</p></div></header>"
        "<main><article><h1>New parking permits: what you need to know</h1>"
        f"{intro}{hidden_text}"
        "<p><button aria-controls='signup' aria-expanded='false'>Sign up</button></p>"
        f"<h2>Questions and answers</h2>{_faq(price)}</article></main>"
        f"<div id='signup' role='dialog' aria-modal='true' style='display:none'><p>{_SIGNUP}</p>"
        "</div><footer><p>© The Council</p></footer></body></html>"
    )


def test_the_answers_in_closed_panels_are_read() -> None:
    paragraphs = extract_document(_page(), URL).paragraphs
    for answer in _ANSWERS.values():
        assert answer.format(price=60) in paragraphs


def test_an_edit_inside_a_closed_panel_makes_a_new_version() -> None:
    before = extract_document(_page(60), URL).paragraphs
    after = extract_document(_page(65), URL).paragraphs
    assert before != after


def test_a_sign_up_pop_up_and_a_navigation_drawer_stay_hidden() -> None:
    text = " ".join(extract_document(_page(), URL).paragraphs)
    assert _SIGNUP not in text
    assert "Planning applications" not in text


def test_hidden_text_no_control_opens_stays_hidden() -> None:
    stale = (
        "<div style='display:none'><p>"
        + _ANSWERS["How much does a permit cost?"].format(price=55)
        + "</p></div>"
    )
    text = " ".join(extract_document(_page(hidden_text=stale), URL).paragraphs)
    assert "costs 55 pounds" not in text


def test_an_opened_panel_keeps_its_other_styles() -> None:
    tree = lxml.html.document_fromstring(_page())
    open_panels(tree)
    panel = tree.get_element_by_id("answer-0")
    assert panel.get("style") == "color: #333"
    assert tree.get_element_by_id("signup").get("style") == "display:none"
    assert tree.get_element_by_id("drawer").get("hidden") is not None


def test_our_scorer_never_reads_a_hidden_box() -> None:
    from newsdiff_gui.core.extract.fallback import fallback_blocks

    # A sign-up box a script shows later, set between the story's paragraphs.
    inset = f"<div class='inset' style='display: none'><p>{_SIGNUP}</p></div>"
    tree = lxml.html.document_fromstring(_page(hidden_text=inset))
    blocks = fallback_blocks(tree)
    assert any(block.startswith("The council will replace") for block in blocks)
    assert not any(_SIGNUP in block or "Planning applications" in block for block in blocks)


def _page_with(faq: str) -> str:
    intro = "".join(f"<p>{text}</p>" for text in _INTRO)
    return (
        "<html><head><title>New parking permits: what you need to know</title></head><body>"
        "<main><article><h1>New parking permits: what you need to know</h1>"
        f"{intro}<h2>Questions and answers</h2>{faq}</article></main></body></html>"
    )


def _answer(price: int = 60) -> str:
    return _ANSWERS["How much does a permit cost?"].format(price=price)


def test_a_panel_named_by_a_control_that_does_not_say_it_is_closed_is_read() -> None:
    # The accordion pattern as some themes print it: a link acting as a button
    # names the panel, and the panel names it back; no aria-expanded.
    faq = (
        "<div class='acc'><div><a id='q1' role='button' aria-controls='a1'>"
        "How much does a permit cost?</a></div>"
        f"<div id='a1' role='region' aria-labelledby='q1' style='display:none;'><p>{_answer()}</p>"
        "</div></div>"
    )
    assert _answer() in extract_document(_page_with(faq), URL).paragraphs


def test_a_panel_right_after_a_control_that_opens_it_is_read() -> None:
    # A disclosure whose aria-controls names an id the page never gives (one
    # shared by every product card): the panel is the control's next element.
    faq = (
        "<div class='card'><button aria-controls='content' aria-expanded='false'>"
        f"What it costs</button><div aria-hidden='true' role='region'><p>{_answer(60)}</p>"
        "</div></div>"
    )
    before = extract_document(_page_with(faq), URL).paragraphs
    after = extract_document(_page_with(faq.replace(_answer(60), _answer(65))), URL).paragraphs
    assert _answer(60) in before
    assert before != after


def test_a_panel_after_a_heading_holding_the_control_is_read() -> None:
    faq = (
        "<h3><button aria-expanded='false'>How much does a permit cost?</button></h3>"
        f"<div style='display:none'><p>{_answer()}</p></div>"
    )
    assert _answer() in extract_document(_page_with(faq), URL).paragraphs


def test_a_search_box_suggestions_and_a_header_disclosure_stay_hidden() -> None:
    suggestions = "Parking permits Parking fines Parking zones map"
    page = _page(
        hidden_text=(
            "<input role='combobox' aria-controls='hints' aria-expanded='false'>"
            f"<ul id='hints' style='display:none'><li>{suggestions}</li></ul>"
        )
    ).replace(
        "<header><button aria-controls='drawer' aria-expanded='false'>Menu</button>",
        "<header><button aria-expanded='false'>Menu</button>"
        "<button aria-controls='account' aria-expanded='false'>Account</button>",
    )
    # A drawer a header's control opens, printed at the end of the page.
    page = page.replace(
        "</body>", "<div id='account' style='display:none'><p>Sign in Register</p></div></body>"
    )
    tree = lxml.html.document_fromstring(page)
    open_panels(tree)
    assert tree.get_element_by_id("hints").get("style") == "display:none"
    assert tree.get_element_by_id("drawer").get("hidden") is not None
    assert tree.get_element_by_id("account").get("style") == "display:none"


def test_a_panel_hidden_by_a_utility_class_is_read_when_a_control_opens_it() -> None:
    # Utility-class themes hide the panel with class="hidden" and swap the class when
    # the button is pressed; the engine drops elements so named.
    faq = (
        "<div class='acc'><button aria-controls='a1' aria-expanded='false'>How much does a "
        "permit cost?</button><div id='a1' class='acc-content pl-2 hidden'>"
        f"<p>{_answer()}</p></div></div>"
    )
    assert _answer() in extract_document(_page_with(faq), URL).paragraphs
    # No control opens it: the class keeps it hidden.
    closed = faq.replace("aria-controls='a1' aria-expanded='false'", "type='button'")
    assert _answer() not in extract_document(_page_with(closed), URL).paragraphs
