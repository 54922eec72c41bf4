"""The story's first lines, set in its container before the box the engine kept, are
article text; a caption, a byline, a date line and a box's label are not.

Pages are written here (a fictional town paper's explainer), shaped like a
rich-text editor's output: the opening as a heading and loose `<div>`s, the rest
of the story in a nested `<div>`. The engine keeps the nested box on such pages
(seen on real blogs and product pages); the rule is given the blocks it kept.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.lead_in import restore_lead_in
from newsdiff_gui.core.normalize import clean_text

_TITLE = "Reading the budget"
_BODY = [
    "Oftentimes the reason a town's budget is so hard to read is that nobody spends "
    "enough time on the line items before the vote. Councillors look at the totals.",
    "My best advice for residents is to start with the capital plan. Every year it "
    "lists the roads, the pipes and the buildings the town means to repair.",
    "When you add questions to your list, focus less on the totals and more on the "
    "changes from last year. That is where the decisions hide.",
]
_OPENING = (
    '<h4><span>"This budget is impossible to follow," said every resident.</span></h4>'
    "<div>Yes, it is. If it were easy, it would not take three hearings to adopt. It "
    "would not need a finance committee either.</div>"
    "<div>&nbsp;</div>"
    "<div>Most people see the budget as a list of numbers. I see it as the plainest "
    "statement of what a town means to do with its money.</div>"
)


def _page(before_body: str, *, body_heading: str = "") -> lxml.html.HtmlElement:
    story = "".join(f"<div>{paragraph}</div>" for paragraph in _BODY)
    return lxml.html.fromstring(
        "<html><body><header><a href='/'>The Valley Ledger</a></header>"
        f"<div class='post'><h1>{_TITLE}</h1><div class='meta'>Ana Ruiz</div>"
        f"<div class='post-body'><span class='rich-text'>{before_body}"
        f"<div><div>{body_heading}{story}</div></div>"
        "</span></div></div><footer><p>Copyright The Valley Ledger</p></footer>"
        "</body></html>"
    )


def _restored(before_body: str, *, body_heading: str = "", description: str = "") -> list[str]:
    blocks = ([clean_text(body_heading[4:-5])] if body_heading else []) + list(_BODY)
    tree = _page(before_body, body_heading=body_heading)
    return restore_lead_in(blocks, tree, _TITLE, description)


def test_opening_heading_and_divs_before_the_kept_box_are_put_back_in_order() -> None:
    blocks = _restored(_OPENING)
    assert blocks[:3] == [
        '"This budget is impossible to follow," said every resident.',
        "Yes, it is. If it were easy, it would not take three hearings to adopt. It "
        "would not need a finance committee either.",
        "Most people see the budget as a list of numbers. I see it as the plainest "
        "statement of what a town means to do with its money.",
    ]
    assert blocks[3:] == _BODY


def test_an_edit_in_the_opening_changes_the_stored_text() -> None:
    edited = _OPENING.replace("said every resident", "said most residents")
    assert _restored(_OPENING) != _restored(edited)


def test_a_section_heading_right_before_the_first_kept_paragraph_is_put_back() -> None:
    assert _restored("<h2>Five steps to a readable budget</h2>")[0] == (
        "Five steps to a readable budget"
    )


def test_a_caption_after_the_lead_picture_is_not_the_story() -> None:
    caption = (
        "<img src='/hall.jpg' alt=''><div>The town hall, where the council meets every "
        "second Tuesday, photographed by a reader.</div>"
    )
    assert _restored(caption) == _BODY


def test_a_byline_a_date_line_and_the_meta_description_stop_the_run() -> None:
    assert _restored("<h6>By Ana Ruiz</h6>") == _BODY
    updated = (
        "<p>Last updated: January 12, 2026. If you buy through our links, we may earn a "
        "small commission.</p>"
    )
    assert _restored(updated) == _BODY
    teaser = "<p>How to read the valley's budget before the council votes on it this spring.</p>"
    assert _restored(teaser, description=teaser[3:-4]) == _BODY


def test_a_box_label_before_a_heading_is_not_taken() -> None:
    label = "<h2>Article summary</h2>"
    blocks = _restored(label, body_heading="<h3>What the capital plan says</h3>")
    assert blocks[0] == "What the capital plan says"
    assert "Article summary" not in blocks


def test_the_run_stops_at_a_teaser_line_and_at_the_headline() -> None:
    teaser = (
        "<div><a href='/schools'>How the valley's schools spend their money, line by "
        "line, in one long table.</a></div>"
        "<div>Yes, it is. If it were easy, it would not take three hearings to adopt.</div>"
    )
    blocks = _restored(teaser)
    assert blocks[0] == "Yes, it is. If it were easy, it would not take three hearings to adopt."
    assert blocks[1:] == _BODY
    # A teaser right before the kept box: nothing is taken.
    assert _restored(teaser.split("</div>")[0] + "</div>") == _BODY
    # The opening is read up to the story's headline, never above it.
    assert all(_TITLE not in block for block in _restored(_OPENING))


def test_a_sign_up_prompt_with_a_form_is_not_the_story() -> None:
    prompt = (
        "<div>Get the Ledger's budget guide in your inbox before every hearing of the "
        "council.<input type='email'><button>Sign up</button></div>"
    )
    assert _restored(prompt) == _BODY
