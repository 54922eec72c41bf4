"""A link that prints its own address is the story's text; a linked teaser line is not.

A list of sources or contacts ("Website: https://…") names where each link points,
and an edit to an address a story cites is an edit a fact-checker must see. A
teaser line ("Port webcams on the quay") is whatever the link promotes today.
Pages are written here (fictional outlet).
"""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.between_captures import same_story_text
from newsdiff_gui.core.extract.boilerplate import remove_boilerplate
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.pages import HARBOUR

_TITLE = "Harbour dredging plan approved"


def _page(address: str, teaser: str = "Port webcams on the quay at night") -> str:
    story = "".join(f"<p>{text}</p>" for text in HARBOUR)
    return (
        f"<html><head><title>{_TITLE}</title></head><body><article>"
        f"<h1>{_TITLE}</h1>{story}"
        f"<p><a href='/webcams'>{teaser}</a></p>"
        "<p>The plan can be read at the authority's offices on the quay, or online.</p>"
        "<p><b>Toll-free: </b>0800 555 0199</p>"
        f"<p><b>Website: </b><a href='{address}'>{address}</a></p>"
        "<p><b>Opening hours: </b>9 am to 5 pm, Monday to Friday</p>"
        "</article></body></html>"
    )


def test_a_line_citing_an_address_is_kept_and_an_edit_to_it_is_a_change() -> None:
    before = extract_document(_page("https://harbour.example.org/plan-2025"))
    after = extract_document(_page("https://harbour.example.org/plan-2026"))
    assert "Website: https://harbour.example.org/plan-2025" in before.paragraphs
    assert content_hash(before) != content_hash(after)


def test_a_linked_teaser_line_is_still_left_out() -> None:
    document = extract_document(_page("https://harbour.example.org/plan-2025"))
    assert all("webcams" not in paragraph for paragraph in document.paragraphs)
    other = extract_document(_page("https://harbour.example.org/plan-2025", "Sailing clubs"))
    assert content_hash(document) == content_hash(other)


def test_a_bare_address_after_its_label_is_the_cited_source() -> None:
    address = "http://www.example.org/reports/2016/harbour-survey"
    # The engine split "Survey:<br><a>address</a>" at the line break.
    assert remove_boilerplate(["Sources:", "Survey:", address]) == ["Sources:", "Survey:", address]
    # A bare address after a furniture label, or after a sentence, is still furniture.
    assert remove_boilerplate(["Share this article:", address]) == []
    assert remove_boilerplate([HARBOUR[0], address]) == [HARBOUR[0]]


def test_addresses_one_a_line_under_a_sources_heading_are_the_cited_sources() -> None:
    # "<h2>Image references</h2><p>address<br>address<br>address</p>": a line each.
    addresses = [
        "https://survey.example.org/2016/harbour",
        "https://photos.example.org/quay-at-dawn",
        "www.example.org/dredging-plan",
    ]
    for heading in ("Image references", "Sources", "Works cited:"):
        assert remove_boilerplate([HARBOUR[0], heading, *addresses]) == [
            HARBOUR[0],
            heading,
            *addresses,
        ]
    # After a label, only the address on its own line is the label's; a run of
    # addresses after a share prompt or a sentence is furniture.
    assert remove_boilerplate(["Survey:", *addresses]) == ["Survey:", addresses[0]]
    assert remove_boilerplate(["Share this article:", *addresses]) == []
    assert remove_boilerplate([HARBOUR[0], *addresses]) == [HARBOUR[0]]


def _sources(address: str) -> str:
    """A story closing with a numbered list of sources, each a name and its address
    on the next line."""
    story = "".join(f"<p>{text}</p>" for text in HARBOUR)
    return (
        f"<html><head><title>{_TITLE}</title></head><body><article><h1>{_TITLE}</h1>"
        f"{story}<p>Sources:</p><ol>"
        "<li>Port survey:<br><a href='https://survey.example.org/'>https://survey.example.org/</a></li>"
        f"<li>Harbour plan:<br><a href='{address}'>{address}</a></li>"
        "</ol></article></body></html>"
    )


def test_a_check_holding_the_previous_capture_sees_a_changed_cited_address() -> None:
    before_html = _sources("https://harbour.example.org/plan#14")
    after_html = _sources("https://harbour.example.org/plan#15")
    before, after = extract_document(before_html), extract_document(after_html)
    assert "https://harbour.example.org/plan#14" in before.paragraphs
    # The line is (nearly) all one link's text: as a teaser line it would be link
    # churn between captures; as a printed address it is an edit.
    assert not same_story_text(before, before_html, after, after_html)
