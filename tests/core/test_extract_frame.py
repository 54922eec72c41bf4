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
