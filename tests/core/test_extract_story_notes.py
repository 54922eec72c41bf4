"""A note set in a box between two of the story's kept blocks (a correction, an
editor's note, a "this section is incomplete" notice) is the story's; a caption,
a widget, an ad slot, a label and a pull quote are not.

Pages are written here (a fictional town paper's story about a bridge). The engine
drops such boxes on some real templates (a notice laid out as a table with an
icon in one cell); the rule is given the blocks the engine kept.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.story_notes import restore_story_notes

_P = [
    "The council voted on Tuesday to close the old bridge over the river for repairs "
    "that engineers say cannot wait until the spring.",
    "Drivers will be sent over the new bridge two miles downstream, which adds about "
    "ten minutes to the trip into town.",
    "The repairs are expected to cost four million dollars, most of it from the "
    "state's fund for roads and bridges.",
]
_CORRECTION = (
    "Correction: An earlier version of this story gave the wrong date for the vote. "
    "It was held on {date}."
)


def _notice(date: str = "March 4") -> str:
    return (
        "<table class='box' role='presentation'><tr>"
        "<td><img src='/note.png' width='40' height='40'></td>"
        f"<td><div>{_CORRECTION.format(date=date)}</div></td></tr></table>"
    )


def _restored(between: str, *, after: str | None = None) -> list[str]:
    closing = f"<p>{_P[2]}</p>" if after is None else after
    tree = lxml.html.fromstring(
        "<html><body><article><h1>Old bridge to close</h1>"
        f"<p>{_P[0]}</p><p>{_P[1]}</p>{between}{closing}"
        "</article></body></html>"
    )
    return restore_story_notes(list(_P), tree)


def test_a_notice_between_two_kept_paragraphs_is_put_back_where_printed() -> None:
    assert _restored(_notice()) == [_P[0], _P[1], _CORRECTION.format(date="March 4"), _P[2]]


def test_an_edit_inside_the_notice_changes_the_stored_text() -> None:
    assert _restored(_notice("March 4")) != _restored(_notice("March 5"))


def test_a_note_before_a_section_heading_the_engine_kept_is_put_back() -> None:
    blocks = restore_story_notes(
        [*_P, "What happens next"],
        lxml.html.fromstring(
            f"<html><body><article><p>{_P[0]}</p><p>{_P[1]}</p><p>{_P[2]}</p>"
            "<div><div>Editor's note: The council's vote was reported by our partner "
            "station and confirmed by the clerk.</div></div><h2>What happens next</h2>"
            "</article></body></html>"
        ),
    )
    assert blocks[3].startswith("Editor's note:")
    assert blocks[4] == "What happens next"


def test_a_box_at_the_end_of_the_story_is_not_taken() -> None:
    # Nothing of the story after it: a closing box is a promo or a bio, judged elsewhere.
    tree = lxml.html.fromstring(
        f"<html><body><article><p>{_P[0]}</p><p>{_P[1]}</p><p>{_P[2]}</p>"
        f"{_notice()}</article><footer>About us</footer></body></html>"
    )
    assert restore_story_notes(list(_P), tree) == _P


def test_a_caption_of_a_photo_is_not_a_note() -> None:
    photo = (
        "<div class='media'><img src='/bridge.jpg' width='800' height='500'>"
        "<span>The old bridge seen from the east bank on Tuesday morning.</span></div>"
    )
    assert _restored(photo) == _P
    after_photo = (
        "<img src='/bridge.jpg'><div>The old bridge seen from the east bank on Tuesday.</div>"
    )
    assert _restored(after_photo) == _P


def test_widgets_ad_slots_labels_and_teasers_are_not_notes() -> None:
    sign_up = (
        "<div>Get our morning newsletter with every story about the bridge work in it."
        "<input type='email'><button>Sign up</button></div>"
    )
    ad = "<div>Advertisement<script>window.slot = 1;</script></div>"
    label = "<div>Advertisement</div>"
    teaser = (
        "<div>Read more: <a href='/x'>Why the state's bridges are older than its roads, "
        "and what the fund for repairs can do about it.</a></div>"
    )
    for box in (sign_up, ad, label, teaser):
        assert _restored(box) == _P, box


def test_a_pull_quote_repeating_the_story_is_not_doubled() -> None:
    pull = f"<div class='pull'>{_P[1]}</div>"
    assert _restored(pull) == _P
