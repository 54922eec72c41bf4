"""A review's "Pros:" and "Cons:" boxes, set before the paragraphs about each item,
are article text: an edit inside them makes a version.

The page is written here (fictional products), shaped like a large publisher's review
template: each item is a card of a title box, a box per labelled list, then the
writer's paragraphs.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.extract.labelled_lists import restore_labelled_lists

_INTRO = (
    "We tested six reading lamps over three months of late evenings, checking how evenly "
    "each one lit a page, how warm its light felt and how long its battery lasted."
)
_FIRST = (
    "The Lumen Arc was the lamp our testers reached for most often: its light stayed even "
    "across a whole spread, and its arm held any angle without drooping."
)
_SECOND = (
    "Its one weakness is the switch, which sits under the base where it is hard to find "
    "in the dark, and which clicks loudly enough to wake a sleeping partner."
)
_OTHER = (
    "The Paper Moon costs half as much and is nearly as good: its light is a touch cooler, "
    "and its battery lasted five evenings of reading instead of seven."
)


def _box(label: str, items: list[str], name: str = "card-box") -> str:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f'<div class="{name}"><h3 class="{name}-title">{label}</h3><ul>{listed}</ul></div>'


def _page(hours: int, sidebar: str = "") -> str:
    card = (
        '<div class="card">'
        '<div class="card-head"><span>Best overall</span><h3>Lumen Arc</h3>'
        '<p class="button"><a href="https://shop.example/arc">Buy at Lamp Shop</a></p></div>'
        + _box(
            "Pros:", [f"Battery lasts {hours} hours", "Even light across a page", "Holds any angle"]
        )
        + _box("Cons:", ["Switch is hard to find", "Loud click"])
        + f"<p>{_FIRST}</p><p>{_SECOND}</p></div>"
    )
    return (
        "<html><head><title>The best reading lamps</title></head><body>"
        f"<main><h1>The best reading lamps</h1><p>{_INTRO}</p>{card}<p>{_OTHER}</p></main>"
        f"<div class='sidebar'>{sidebar}</div></body></html>"
    )


def test_pros_and_cons_are_put_back_before_the_items_paragraphs() -> None:
    document = extract_document(_page(10), "https://lamps.example/best")
    paragraphs = list(document.paragraphs)
    assert "Battery lasts 10 hours" in paragraphs
    start = paragraphs.index("Pros:")
    assert paragraphs[start : start + 7] == [
        "Pros:",
        "Battery lasts 10 hours",
        "Even light across a page",
        "Holds any angle",
        "Cons:",
        "Switch is hard to find",
        "Loud click",
    ]
    assert paragraphs[start + 7] == _FIRST


def test_an_edit_inside_a_pros_list_changes_the_stored_text() -> None:
    before = extract_document(_page(10), "https://lamps.example/best")
    after = extract_document(_page(12), "https://lamps.example/best")
    assert before.paragraphs != after.paragraphs


def test_a_labelled_box_that_is_no_story_stays_out() -> None:
    # In a sidebar, followed by nothing kept; a label of many words; a list of links.
    links = "".join(
        f'<li><a href="/story/{n}">Story number {n} of the week</a></li>' for n in range(4)
    )
    sidebar = (
        _box("Popular this week on our site", ["Lamp care basics", "Bulb colours explained"])
        + f'<div class="box"><h3>Related:</h3><ul>{links}</ul></div>'
        + _box("Newsletter perks:", ["A weekly tip", "Early deals"])
    )
    paragraphs = extract_document(_page(10, sidebar), "https://lamps.example/best").paragraphs
    for text in ("Lamp care basics", "Story number 1 of the week", "A weekly tip"):
        assert text not in paragraphs
    tree = lxml.html.document_fromstring(
        f"<html><body>{_box('Popular this week on our site', ['Lamp care basics'])}"
        f"<p>{_FIRST}</p></body></html>"
    )
    assert restore_labelled_lists([_FIRST], tree) == [_FIRST]


def test_the_rule_puts_the_boxes_back_where_the_engine_dropped_them() -> None:
    # On a long page of many cards the engine keeps the writer's paragraphs and drops
    # the labelled boxes (what happened on a real review page); the rule alone here.
    tree = lxml.html.document_fromstring(_page(10))
    engine = [_INTRO, _FIRST, _SECOND, _OTHER]
    restored = restore_labelled_lists(engine, tree)
    assert restored[:2] == [_INTRO, "Pros:"]
    assert restored[restored.index("Cons:") + 3] == _FIRST
    assert "Battery lasts 10 hours" in restored
    # A box already kept, in part, stays as the engine read it.
    assert restore_labelled_lists([_INTRO, "Pros:", _FIRST], tree).count("Pros:") == 1


def _closing_card(label: str) -> str:
    """A card whose labelled boxes close it, inside a panel and wrappers of its own,
    before the writer's paragraph (a shopping guide's product card)."""
    return (
        "<html><body><main>"
        f"<p>{_INTRO}</p><div class='product'><div class='card'><h3>Lumen Arc</h3>"
        "<div class='accordion'><button aria-expanded='true'>What to know</button>"
        "<div class='accordion-content'><div class='pros-cons'>"
        f"{_box(label, ['Battery lasts 10 hours', 'Even light across a page'])}"
        f"{_box('Something to note', ['Loud click'])}"
        f"</div></div></div></div></div><p>{_FIRST}</p><p>{_OTHER}</p></main></body></html>"
    )


def test_boxes_that_close_their_card_go_before_the_paragraph_after_the_card() -> None:
    tree = lxml.html.document_fromstring(_closing_card("What we like"))

    assert restore_labelled_lists([_INTRO, _FIRST, _OTHER], tree) == [
        _INTRO,
        "What we like",
        "Battery lasts 10 hours",
        "Even light across a page",
        "Something to note",
        "Loud click",
        _FIRST,
        _OTHER,
    ]


def test_a_linked_label_is_a_button_and_its_perks_stay_out() -> None:
    # A sign-up banner in the story: "Get a demo" over "14-day trial", "No card needed".
    banner = (
        "<div class='banner'><h3>Try our lamp planner</h3><div class='cta'>"
        "<p><a href='https://planner.example/demo'>Get a demo</a></p>"
        "<ul><li>14-day trial</li><li>No card needed</li></ul></div></div>"
    )
    tree = lxml.html.document_fromstring(
        f"<html><body><main><p>{_INTRO}</p>{banner}<p>{_FIRST}</p></main></body></html>"
    )

    assert restore_labelled_lists([_INTRO, _FIRST], tree) == [_INTRO, _FIRST]
