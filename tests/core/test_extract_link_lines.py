"""Two captures read as long glued blocks: a change only inside lines of links is no change.

Table-layout pages (a sidebar cell of links beside the post) and weekly editions
(teasers between the stories) are sometimes read as one long block holding the
story and those links. The pages are written here (fictional outlet); the two
readings are written out as Documents with the pages they were read from, as the
content scorer glued them.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract.between_captures import same_story_text
from tests.support.pages import HARBOUR

_TITLE = "Harbour dredging plan approved"
_LINKED = (
    'The plan follows a <a href="/2025/03/port-report">{link}</a> published last spring, '
    "which found the channel too shallow for the larger container ships now calling at the port."
)


def _page(story: list[str], sidebar: tuple[str, ...]) -> str:
    posts = "".join(f"<p>{text}</p>" for text in story)
    links = "<br>".join(
        f'<a href="https://links.example.org/{n}">{label}</a>' for n, label in enumerate(sidebar)
    )
    return (
        f"<html><head><title>{_TITLE}</title></head><body><table><tr>"
        f'<td><h1>{_TITLE}</h1><div id="posts">{posts}</div></td>'
        f"<td><h2>Official links:</h2>{links}</td>"
        "</tr></table></body></html>"
    )


def _text(html_fragment: str) -> str:
    """The words of a paragraph as the engine prints them (markup dropped)."""
    return " ".join(lxml.html.fragment_fromstring(f"<p>{html_fragment}</p>").text_content().split())


def _glued(story: list[str], sidebar: tuple[str, ...]) -> Document:
    """The reading that glued the last paragraph and the sidebar into one block."""
    tail = " ".join((_text(story[-1]), "Official links:", *sidebar))
    return Document(title=_TITLE, paragraphs=(*(_text(p) for p in story[:-1]), tail))


_SIDEBAR_A = ("Harbour Authority", "Ferry timetable", "Tide tables", "Port webcams on the quay")
_SIDEBAR_B = ("Port webcams on the quay", "Harbour Authority", "Sailing clubs", "Tide tables")


def _same(story_before: list[str], story_after: list[str]) -> bool:
    before_html, after_html = _page(story_before, _SIDEBAR_A), _page(story_after, _SIDEBAR_B)
    before, after = _glued(story_before, _SIDEBAR_A), _glued(story_after, _SIDEBAR_B)
    return same_story_text(before, before_html, after, after_html)


def test_a_glued_block_whose_sidebar_links_changed_is_no_change() -> None:
    assert _same(list(HARBOUR), list(HARBOUR))


def test_a_story_edit_in_the_glued_block_is_a_change() -> None:
    edited = [*HARBOUR[:-1], HARBOUR[-1].replace("every month", "every week")]
    assert not _same(list(HARBOUR), edited)


def test_an_edit_inside_a_linked_phrase_of_the_glued_story_is_a_change() -> None:
    before = [*HARBOUR, _LINKED.format(link="report by the national maritime agency")]
    after = [*HARBOUR, _LINKED.format(link="review by the regional coast guard")]
    assert not _same(before, after)
