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
