"""A line of the page's tags is metadata: a retagged story is the same story.

Pages are written here (fictional outlet); the lines are shaped like the common
blog and newsroom templates: "Filed under:" with WordPress's category links, a
kicker with a date and `/tags/` links, a "Topics:" line with rel="tag" links.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.tag_lines import drop_tag_lines
from tests.support.pages import HARBOUR


def _kept(line: str) -> list[str]:
    """The blocks left when the engine kept the story and `line` (set after it)."""
    tree = lxml.html.fromstring(
        "<html><body><article>"
        + "".join(f"<p>{text}</p>" for text in HARBOUR)
        + line
        + "</article></body></html>"
    )
    printed = " ".join(lxml.html.fragment_fromstring(line).text_content().split())
    return drop_tag_lines([*HARBOUR, printed], tree)


def test_a_filed_under_line_of_category_links_is_dropped() -> None:
    line = "<p>Filed under: <a href='/archive/harbour/' rel='category tag'>Harbour</a> |</p>"
    assert _kept(line) == list(HARBOUR)


def test_tags_under_a_tags_path_after_a_dated_kicker_are_dropped() -> None:
    line = (
        "<p><span>Report - Published: 2025.03.18 | </span>"
        "<a href='/tags/harbour'>harbour</a><span> | </span>"
        "<a href='/tags/fishing'>fishing</a></p>"
    )
    assert _kept(line) == list(HARBOUR)


def test_a_topics_line_of_rel_tag_links_is_dropped() -> None:
    line = (
        "<div>Topics: <a rel='tag' href='/t/1'>dredging</a>, "
        "<a rel='tag' href='/t/2'>port</a>, <a rel='tag' href='/t/3'>fishing</a></div>"
    )
    assert _kept(line) == list(HARBOUR)


def test_a_sentence_with_a_topic_link_and_a_line_mixing_links_stay() -> None:
    sentence = (
        "<p>The cooperative has fought the plan since the <a href='/topic/dredging'>first "
        "dredging survey</a> two years ago.</p>"
    )
    assert len(_kept(sentence)) == len(HARBOUR) + 1
    mixed = (
        "<p>More: <a href='/tags/harbour'>harbour</a> | "
        "<a href='/2025/03/port-report'>Port report</a></p>"
    )
    assert len(_kept(mixed)) == len(HARBOUR) + 1
    one_tag_no_label = "<p><a href='/tags/harbour'>harbour</a> news from the quay</p>"
    assert len(_kept(one_tag_no_label)) == len(HARBOUR) + 1
