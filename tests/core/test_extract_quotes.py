"""A post or statement quoted between the story's paragraphs is article text.

Pages are written here (a fictional club and mayor), shaped like a news template
that embeds a social post as a <blockquote> inside an embed's boxes, with the
embed's loader script beside it.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.quotes import restore_article_quotes
from newsdiff_gui.core.store.version_store import content_hash

_PARAGRAPHS = (
    "The harbour club appointed a new head coach on Tuesday, two weeks after the previous "
    "coach left following a run of seven matches without a win in the regional league.",
    "The club's chairman said the search had been short because the board agreed quickly "
    "on the candidate, who had coached the youth team of a neighbouring club for six years.",
    "The new coach thanked the players who had written to him after the appointment, and "
    "said the first task was to rebuild the team's confidence before the derby next month.",
    "Supporters gathered outside the ground on Tuesday evening, and the club said tickets "
    "for the first home match under the new coach had sold out within an hour of release.",
)


def _post(sentence: str) -> str:
    return (
        '<div class="embed"><div class="embed-inner"><blockquote class="social-post">'
        f"<p>{sentence}</p>&mdash; Harbour FC (@harbourfc) "
        '<a href="https://social.example/harbourfc/status/1">March 4, 2025</a></blockquote>'
        '<script async src="https://social.example/widgets.js"></script></div></div>'
    )


def _page(sentence: str) -> str:
    first, second, third, fourth = _PARAGRAPHS
    return (
        "<!DOCTYPE html><html><head><title>Harbour club names new coach | Coast Post</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav><main>"
        "<article><h1>Harbour club names new coach</h1><div class='body'>"
        f"<p>{first}</p><p>{second}</p>"
        "<script>window.embedsLoaded = true;</script>"
        f"{_post(sentence)}<p>{third}</p><p>{fourth}</p></div></article></main>"
        "<footer><p>Coast Post, all rights reserved.</p></footer></body></html>"
    )


_QUOTE = "We are delighted to welcome our new head coach, who signs a contract for three seasons."


def test_an_edit_in_a_quoted_post_between_paragraphs_is_a_new_version() -> None:
    before = extract_document(_page(_QUOTE))
    after = extract_document(_page(_QUOTE.replace("three", "two")))
    assert content_hash(before) != content_hash(after)
    assert before.paragraphs[2] == _QUOTE  # in the page's order, after the paragraph before it
    # The embed's attribution line (name, date link) is its furniture, not the quote.
    assert not any("@harbourfc" in paragraph for paragraph in before.paragraphs)


def _restored(markup: str, kept: list[str]) -> list[str]:
    return restore_article_quotes(kept, lxml.html.document_fromstring(markup))


def test_a_quote_comes_back_only_between_two_kept_paragraphs() -> None:
    first, second, third, _ = _PARAGRAPHS
    markup = f"<html><body><div><p>{first}</p>{_post(_QUOTE)}<p>{second}</p></div></body></html>"
    assert _restored(markup, [first, second]) == [first, _QUOTE, second]
    # The paragraph after it was left out: the quote may belong to a box beside the story.
    assert _restored(markup, [first]) == [first]
    # A paragraph the engine left out between the story and the quote: not the story's flow.
    boxed = (
        f"<html><body><div><p>{first}</p><p>{third}</p>{_post(_QUOTE)}<p>{second}</p>"
        "</div></body></html>"
    )
    assert _restored(boxed, [first, second]) == [first, second]


def test_pull_quotes_teasers_and_quotes_in_asides_stay_out() -> None:
    first, second, _, _ = _PARAGRAPHS
    pull = f"<blockquote><p>{first}</p></blockquote>"
    teaser = (
        '<blockquote><p><a href="/sport/derby">Derby tickets: everything supporters need '
        "to know before the match</a></p></blockquote>"
    )
    aside = f"<aside>{_post(_QUOTE)}</aside>"
    for box in (pull, teaser, aside):
        markup = f"<html><body><div><p>{first}</p>{box}<p>{second}</p></div></body></html>"
        assert _restored(markup, [first, second]) == [first, second]
