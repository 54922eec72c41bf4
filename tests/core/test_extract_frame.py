"""A wrapper that holds most of the page's text is the page, whatever its name
says: a theme that wraps the story in `class="commentOnSelection"` (a tool for
commenting on a selected sentence) or the layout in a `Header-…` box must not
lose the story; a real comment thread longer than the story is still not read
as the story.

Pages are written here (a fictional paper's story about a harbour).
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.api import extract_document
from newsdiff_gui.core.extract.frame import frame_names_set_aside

URL = "https://courier.example/news/2026/12/harbour-dredging"
_P = [
    f"The harbour board approved on Monday a plan to dredge the main channel, the "
    f"first time in {year} years that ships of the largest class could dock in town."
    for year in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy")
]
_COMMENTS = [
    f"Reader {n} wrote that the dredging would disturb the seabed, that the fishing "
    "fleet had not been asked, and that the board should publish the survey first."
    for n in range(1, 4)
]


def _thread(comments: list[str]) -> str:
    # Items without names of their own: only the thread's box says "comments".
    items = "".join(
        f"<div class='c'><div class='c-by'>Reader {n}</div><p>{text}</p></div>"
        for n, text in enumerate(comments, 1)
    )
    return f"<section id='comments'><h2>Comments</h2><div class='list'>{items}</div></section>"


def _page(
    paragraphs: list[str], comments: list[str], *, wrapper: str = "commentOnSelection"
) -> str:
    story = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        "<html><head><title>Harbour to be dredged</title></head><body>"
        "<span class='Header-headerHeight'><div class='Layout-page'>"
        "<div class='Post-header'><h1>Harbour to be dredged</h1></div>"
        f"<div class='Post-body'><div class='{wrapper}'><div>{story}</div></div></div>"
        f"{_thread(comments)}</div></span></body></html>"
    )


def test_a_story_inside_wrappers_named_as_furniture_is_read() -> None:
    document = extract_document(_page(_P, _COMMENTS[:1]), URL)
    assert list(document.paragraphs) == _P


def test_an_edit_to_the_story_inside_them_makes_a_new_version() -> None:
    edited = [*_P[:3], _P[3].replace("fifty", "fifty-one"), *_P[4:]]
    before = extract_document(_page(_P, _COMMENTS[:1]), URL)
    after = extract_document(_page(edited, _COMMENTS[:1]), URL)
    assert before.paragraphs != after.paragraphs


def test_a_comment_thread_longer_than_the_story_is_not_read_as_it() -> None:
    document = extract_document(_page(_P[:2], _COMMENTS * 4, wrapper="Post-text"), URL)
    assert document.paragraphs[: len(_P[:2])] == tuple(_P[:2])
    assert not any(text.startswith("Reader") for text in document.paragraphs)


def test_the_names_are_put_back_after_reading() -> None:
    tree = lxml.html.fromstring(_page(_P, _COMMENTS[:1]))
    wrapper = tree.find(".//span")
    story_box = tree.find(".//div[@class='commentOnSelection']")
    assert wrapper is not None and story_box is not None
    with frame_names_set_aside(tree):
        assert wrapper.get("class") == "" and story_box.get("class") == ""
        assert tree.find(".//div[@class='Post-body']") is not None  # a story name stays
    assert wrapper.get("class") == "Header-headerHeight"
    assert story_box.get("class") == "commentOnSelection"


_PRICES = "<ul><li>A mooring costs £{price} a month.</li><li>Day visits are free.</li></ul>"


def _in_open_header(price: int) -> str:
    # The theme never closes its <header>: the browser (and the parser) nests the
    # whole story inside it. A teaser box of class "post" comes first, so the
    # engine gathers the page's paragraphs one by one and drops the list.
    story = "".join(f"<p>{text}</p>" for text in _P[:3])
    story += _PRICES.format(price=price) + "".join(f"<p>{text}</p>" for text in _P[3:])
    return (
        "<html><head><title>Harbour to be dredged</title></head><body>"
        "<header class='site'><div class='logo'>The Courier</div>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='post'><p>Ferry times change.</p><p>Library hours change.</p></div>"
        f"<div class='layout'><h1>Harbour to be dredged</h1>{story}</div>"
        "</body></html>"
    )


def test_a_story_inside_a_header_left_open_keeps_its_list() -> None:
    before = extract_document(_in_open_header(40), URL)
    after = extract_document(_in_open_header(45), URL)
    assert "A mooring costs £40 a month." in before.paragraphs
    assert before.paragraphs != after.paragraphs
    assert not any("Home" in text for text in before.paragraphs)


def test_a_sidebar_of_linked_headlines_longer_than_the_story_stays_furniture() -> None:
    links = "".join(
        f"<li><a href='/news/{n}'><span>Council weighs new ferry timetable for the "
        f"winter months, part {n}</span> <span>More from the Courier's harbour desk on "
        "what changes for commuters and the island's schools</span></a></li>"
        for n in range(12)
    )
    page = (
        "<html><head><title>Harbour to be dredged</title></head><body><main><article>"
        f"<div class='story'><h1>Harbour to be dredged</h1><p>{_P[0]}</p><p>{_P[1]}</p></div>"
        f"<div class='rail'><aside class='most-read'><ol>{links}</ol></aside></div>"
        "</article></main></body></html>"
    )
    document = extract_document(page, URL)
    assert document.paragraphs == (_P[0], _P[1])


def test_a_frame_boxs_tag_is_put_back_after_reading() -> None:
    tree = lxml.html.fromstring(_in_open_header(40))
    header = tree.find(".//header")
    assert header is not None
    with frame_names_set_aside(tree):
        assert header.tag == "div"
    assert header.tag == "header"
