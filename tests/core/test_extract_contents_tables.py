"""A table of contents kept as a block is furniture; the headings it repeats stay.

Written here (fictional explainer): a rail of in-page links to the story's
sections, which the engine kept as one block before the story.
"""

from __future__ import annotations

import lxml.html

from newsdiff_gui.core.extract.contents_tables import drop_contents_tables

_SECTIONS = ("What the plan is", "How it will be paid for", "Who objected", "What happens next")
_STORY = [
    "The harbour authority approved a plan on Tuesday to dredge the northern channel.",
    "What the plan is",
    "Work is due to start in March and to take eleven months, the authority said.",
]


def _tree() -> lxml.html.HtmlElement:
    entries = "".join(f"<li><a href='#s{n}'>{title}</a></li>" for n, title in enumerate(_SECTIONS))
    sections = "".join(f"<h2 id='s{n}'>{title}</h2>" for n, title in enumerate(_SECTIONS))
    return lxml.html.fromstring(
        f"<html><body><div class='rail'><span>Contents</span><button>Expand</button>"
        f"<ul>{entries}</ul></div><article>{sections}</article></body></html>"
    )


def test_a_block_of_in_page_link_texts_is_dropped_and_the_headings_stay() -> None:
    contents = "Contents Expand " + " ".join(_SECTIONS)
    assert drop_contents_tables([contents, *_STORY], _tree()) == _STORY


def test_a_sentence_naming_two_sections_is_not_a_table_of_contents() -> None:
    sentence = (
        "The report covers what the plan is and how it will be paid for, and spends many "
        "pages on the objections of the fishing crews and the cooperative's chair."
    )
    assert drop_contents_tables([sentence, *_STORY], _tree()) == [sentence, *_STORY]
