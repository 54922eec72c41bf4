"""A stamp line the engine glued onto the story is taken out; the same words in a sentence stay.

Pages are written here (a fictional harbour board). The engine reads some small
sites' posts as one block, heading, date line and story together; the fake
engine below does just that, so the rule is tested on the block it must mend.
"""

from __future__ import annotations

import copy

import lxml.html
import pytest
from lxml.html import HtmlElement

from newsdiff_gui.core.extract import api, extract_document
from newsdiff_gui.core.extract.engine import EngineResult
from newsdiff_gui.core.extract.glued_stamps import drop_glued_stamps
from newsdiff_gui.core.normalize import clean_text
from newsdiff_gui.core.store.version_store import content_hash

_HEADING = "Dredging plan for the northern basin"
_STORY = (
    "The harbour board met on Tuesday evening to discuss the dredging of the northern basin, "
    "which has silted up over the winter and now keeps larger ships from mooring there. "
    "Board members said the work would start in May and last about six weeks."
)


def _page(stamp: str, story: str = _STORY, aside: str = "") -> str:
    return (
        "<html><head><title>Harbour news</title></head><body>"
        f"<div class='post'>{stamp}<h3><a href='/post/1'>{_HEADING}</a></h3>"
        f"<p>{story}</p></div><div class='side'>{aside}</div></body></html>"
    )


def _one_block_engine(tree: HtmlElement, url: str | None) -> EngineResult:
    """The engine's reading of such posts: the whole post as one block."""
    post = copy.deepcopy(next(tree.iter("div")))
    for script in list(post.iter("script")):
        script.drop_tree()  # the engine reads no scripts
    return EngineResult([clean_text(" ".join(post.itertext()))], thin=False)


@pytest.fixture
def gluing_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "engine_blocks", _one_block_engine)


@pytest.mark.usefixtures("gluing_engine")
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "<span>Last updated: 26 November 2025, 1:05</span>",
            "<span>Last updated: 2 November 2025, 5:05</span>",
        ),
        (
            "<p><span>Jane Okafor</span> · <span>10 min read</span></p>",
            "<p><span>Jane Okafor</span> · <span>12 min read</span></p>",
        ),
    ],
)
def test_a_glued_stamp_line_is_taken_out_and_makes_no_version(first: str, second: str) -> None:
    before = extract_document(_page(first))
    after = extract_document(_page(second))
    assert before.paragraphs == (f"{_HEADING} {_STORY}",)
    assert content_hash(before) == content_hash(after)


@pytest.mark.usefixtures("gluing_engine")
def test_a_stamp_after_an_ended_sentence_is_a_line_of_its_own() -> None:
    # A standfirst, a player's script, then the stamp: nothing runs on into the stamp.
    def page(day: int) -> str:
        return _page(
            "<span>The basin reopens in June.</span><script>loadPlayer('cam')</script>"
            f"<span>Last updated: {day} November 2025, 1:05</span>"
        )

    before, after = extract_document(page(26)), extract_document(page(2))
    assert not any("Last updated" in paragraph for paragraph in before.paragraphs)
    assert content_hash(before) == content_hash(after)


@pytest.mark.usefixtures("gluing_engine")
def test_an_edit_next_to_a_glued_stamp_still_makes_a_version() -> None:
    stamp = "<span>Last updated: 26 November 2025, 1:05</span>"
    edited = _STORY.replace("six weeks", "eight weeks")
    assert content_hash(extract_document(_page(stamp))) != content_hash(
        extract_document(_page(stamp, edited))
    )


def _blocks_after_rule(html: str) -> list[str]:
    tree = lxml.html.document_fromstring(html)
    return drop_glued_stamps(_one_block_engine(tree, None).blocks, tree)


@pytest.mark.parametrize(
    "story",
    [
        # A stamp set in bold inside a sentence is part of the sentence.
        "<b>Updated at 10:47 on 3 May 2025</b> police said two people were hurt in the fire.",
        "Police said two people were hurt. <span>Updated at 10:47 on 3 May 2025</span> by them.",
        # The same words with no element of their own.
        "Updated at 10:47 on 3 May 2025 police said two people were hurt in the fire.",
    ],
)
def test_stamp_words_inside_a_sentence_stay(story: str) -> None:
    html = _page("", story)
    tree = lxml.html.document_fromstring(html)
    glued = _one_block_engine(tree, None).blocks
    assert "Updated at 10:47 on 3 May 2025" in glued[0]
    assert drop_glued_stamps(glued, tree) == glued


def test_a_date_line_elsewhere_does_not_cut_the_same_date_from_the_story() -> None:
    # The sidebar prints "March 25, 2015" as a line; the story quotes that date.
    story = "The old berth closed on March 25, 2015 after a storm damaged its piles."
    html = _page("", story, aside="<div>March 25, 2015</div><p>Older posts</p>")
    assert _blocks_after_rule(html) == [f"{_HEADING} {story}"]


def test_a_block_that_is_only_the_stamp_is_left_to_the_boilerplate_rule() -> None:
    tree = lxml.html.document_fromstring(_page("<p>Updated 10:47 AM, May 3, 2025</p>"))
    assert drop_glued_stamps(["Updated 10:47 AM, May 3, 2025"], tree) == [
        "Updated 10:47 AM, May 3, 2025"
    ]
