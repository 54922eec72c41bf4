"""Content a streaming server sends late (React's hidden `S:` segments) is read
where the browser prints it: in place of its placeholder, its fallback gone.

Pages are written here in the shape such servers send (a fictional paper's story
about a bridge): the frame with placeholders first, the content later in hidden
divs with the scripts that move it.
"""

from __future__ import annotations

from newsdiff_gui.core.extract.api import extract_document
from newsdiff_gui.core.extract.parsing import parse_page

URL = "https://courier.example/news/2026/12/old-bridge-to-close"
_P = [
    "The council voted on Tuesday to close the old bridge over the river for repairs "
    "that engineers say cannot wait until the spring.",
    "Drivers will be sent over the new bridge two miles downstream, which adds about "
    "ten minutes to the trip into town, the council said.",
    "The repairs are expected to cost four million dollars, most of it from the "
    "state's fund for roads and bridges, and to take until the autumn.",
    "Shops near the old bridge said they feared losing customers during the works and "
    "asked the council for help with their rents.",
]
_FRAME = (
    "<html><head><title>Old bridge to close | The Courier</title></head><body>"
    "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
    "<main><article><h1>Old bridge to close</h1><p>{first}</p>{placeholder}</article></main>"
    "<footer><p>© The Courier</p></footer>{segments}</body></html>"
)
_BOUNDARY = '<!--$?--><template id="B:{n}"></template><div>Loading paragraph...</div><!--/$-->'


def _segment(number: str, html: str, script: str | None) -> str:
    call = "" if script is None else f"<script>{script}</script>"
    return f'<div hidden id="S:{number}">{html}</div>{call}'


def _page(paragraphs: list[str] = _P, *, scripts: bool = True) -> str:
    rest = "".join(f"<p>{text}</p>" for text in paragraphs[1:])
    return _FRAME.format(
        first=paragraphs[0],
        placeholder=_BOUNDARY.format(n=0),
        segments=_segment("0", rest, '$RC("B:0","S:0")' if scripts else None),
    )


def _text(html: str) -> str:
    root = parse_page(html).root
    body = root.find("body")
    assert body is not None
    return " ".join(body.text_content().split())


def test_a_late_segment_is_read_in_place_of_its_placeholder() -> None:
    document = extract_document(_page(), URL)
    assert list(document.paragraphs) == _P
    assert not any("Loading" in block for block in document.paragraphs)


def test_an_edit_inside_a_late_segment_makes_a_new_version() -> None:
    edited = [*_P[:2], _P[2].replace("four million", "five million"), _P[3]]
    assert (
        extract_document(_page(), URL).paragraphs != extract_document(_page(edited), URL).paragraphs
    )


def test_the_segment_lands_before_the_footer_and_the_fallback_is_gone() -> None:
    text = _text(_page())
    assert text.index(_P[3]) < text.index("© The Courier")
    assert "Loading paragraph" not in text


def test_a_page_saved_without_its_scripts_pairs_segments_by_number() -> None:
    text = _text(_page(scripts=False))
    assert text.index(_P[1]) < text.index("© The Courier")


def test_the_scripts_pairs_are_followed_even_when_numbers_differ() -> None:
    html = _FRAME.format(
        first=_P[0],
        placeholder=_BOUNDARY.format(n=1),
        segments=_segment("4", f"<p>{_P[1]}</p>", '$RC("B:1","S:4")'),
    )
    text = _text(html)
    assert text.index(_P[1]) < text.index("© The Courier")


def test_a_pending_segment_inside_another_is_placed_with_it() -> None:
    # $RS fills a placeholder that sits inside a segment still hidden; both move.
    outer = f'<p>{_P[1]}</p><div><template id="P:2"></template></div><p>{_P[3]}</p>'
    segments = _segment("2", f"<p>{_P[2]}</p>", '$RS("S:2","P:2")') + _segment(
        "0", outer, '$RC("B:0","S:0")'
    )
    html = _FRAME.format(first=_P[0], placeholder=_BOUNDARY.format(n=0), segments=segments)
    document = extract_document(html, URL)
    assert list(document.paragraphs) == _P


def test_a_boundary_without_markers_keeps_its_fallback_and_gains_the_content() -> None:
    html = _FRAME.format(
        first=_P[0],
        placeholder='<template id="B:0"></template><div class="skeleton"></div>',
        segments=_segment("0", f"<p>{_P[1]}</p>", None),
    )
    root = parse_page(html).root
    assert root.find(".//div[@class='skeleton']") is not None
    assert _text(html).index(_P[1]) < _text(html).index("© The Courier")


def test_broken_pairs_leave_the_page_as_sent() -> None:
    # A call naming a missing placeholder, a segment that would hold its own
    # placeholder, and a placeholder that is not a template: nothing moves, nothing fails.
    segments = (
        _segment("0", f"<p>{_P[1]}</p>", '$RC("B:9","S:0")')
        + _segment("1", '<p>Inner</p><template id="B:1"></template>', '$RC("B:1","S:1")')
        + '<div id="P:3">not a template</div>'
        + _segment("3", "<p>Third</p>", '$RS("S:3","P:3")')
    )
    html = _FRAME.format(first=_P[0], placeholder="", segments=segments)
    root = parse_page(html).root
    assert root.find(".//div[@id='S:0']") is not None
    assert root.find(".//div[@id='S:1']") is not None
    assert root.find(".//div[@id='S:3']") is not None


def test_a_segment_or_placeholder_named_twice_is_placed_once() -> None:
    html = _FRAME.format(
        first=_P[0],
        placeholder=_BOUNDARY.format(n=0) + '<template id="P:5"></template>',
        segments=_segment(
            "0", f"<p>{_P[1]}</p>", '$RC("B:0","S:0");$RS("S:0","P:5");$RC("B:0","S:0")'
        ),
    )
    text = _text(html)
    assert text.count(_P[1]) == 1
    assert text.index(_P[1]) < text.index("© The Courier")


def test_an_end_marker_too_far_away_leaves_the_fallback_in_place() -> None:
    # A hostile page: thousands of placeholders, each before a "fallback" that runs
    # to the end of the page. Each scan stops early; the content is still placed.
    filler = "<span>x</span>" * 600
    html = _FRAME.format(
        first=_P[0],
        placeholder=f'<!--$?--><template id="B:0"></template>{filler}<!--/$-->',
        segments=_segment("0", f"<p>{_P[1]}</p>", '$RC("B:0","S:0")'),
    )
    root = parse_page(html).root
    assert len(root.findall(".//span")) == 600
    assert _text(html).index(_P[1]) < _text(html).index("© The Courier")


def test_comments_are_gone_from_the_tree_either_way() -> None:
    for html in (_page(), _FRAME.format(first=_P[0], placeholder="<!-- ad -->", segments="")):
        root = parse_page(html).root
        assert not [node for node in root.iter() if not isinstance(node.tag, str)]
