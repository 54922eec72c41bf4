"""Article edits for the stability benchmark: one change inside the article's text.

See benchmarks/stability_mutations.py for how the article's blocks are found;
each edit returns a pair of pages (before, after) or None when the page has
nothing of that kind to edit.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from lxml.html import HtmlElement
from stability_mutations import (
    Anatomy,
    Mutation,
    Pair,
    _at,
    _copy,
    _fragment,
    _paths,
    _text_siblings,
    _text_slots,
    is_form_prompt,
    is_link_line,
    key,
)

_DIGITS = re.compile(r"\d+")
# How a paragraph of prose ends, in the shared pages' languages.
_PROSE_END = re.compile(r"[.!?。！？…:;)”\"']\s*$")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)”\"'][.!?])\s+(?=[A-Z“\"])")


# ----------------------------------------------------------------- article edits


def _edit_text(
    anatomy: Anatomy,
    rng: random.Random,
    blocks: list[HtmlElement],
    edit: Callable[[str, random.Random], str | None],
) -> Pair | None:
    """Apply `edit` to one text node of one of `blocks` (the first where it applies)."""
    order = list(range(len(blocks)))
    rng.shuffle(order)
    for index in order:
        # Drawn, then passed over (the draw of every other page's block stays the
        # same): a line of links or a form's prompt is not the story's text.
        if is_link_line(blocks[index]) or is_form_prompt(blocks[index]):
            continue
        path = _paths(anatomy, [blocks[index]])[0]
        root = _copy(anatomy)
        for node, slot in _text_slots(_at(root, path)):
            before = getattr(node, slot)
            after = edit(before, rng)
            if after is not None and key(after) != key(before):
                setattr(node, slot, after)
                return anatomy.serialize(), anatomy.serialize(root)
    return None


def _change_figure(text: str, rng: random.Random) -> str | None:
    numbers = list(_DIGITS.finditer(text))
    if not numbers:
        return None
    match = rng.choice(numbers)
    return text[: match.start()] + str(int(match[0]) + 1) + text[match.end() :]


def _delete_sentence(text: str, rng: random.Random) -> str | None:
    parts = _SENTENCE_END.split(text)
    if len(parts) < 2:
        return None
    del parts[rng.randrange(len(parts))]
    return " ".join(parts)


def _insert_sentence(text: str, rng: random.Random) -> str | None:
    parts = _SENTENCE_END.split(text)
    if len(parts) < 2:
        return None
    parts.insert(rng.randrange(1, len(parts)), "Officials said the review would take weeks.")
    return " ".join(parts)


def figure_changed(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    return _edit_text(anatomy, rng, anatomy.story_blocks, _change_figure)


def sentence_deleted(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    return _edit_text(anatomy, rng, anatomy.story_blocks, _delete_sentence)


def sentence_inserted(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    return _edit_text(anatomy, rng, anatomy.story_blocks, _insert_sentence)


def list_figure(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """A figure changed inside a list item the page prints in the article."""
    items = [b for b in anatomy.story_blocks if b.tag == "li" or b.getparent().tag == "li"]
    return _edit_text(anatomy, rng, items, _change_figure)


def _insert_between_paragraphs(anatomy: Anatomy, root: HtmlElement, new: HtmlElement) -> bool:
    """After the first story paragraph whose next printed sibling is a story paragraph
    too, both sentences (a list set in the running text, not at the end of a header or
    box, nor among a paper's affiliation lines or under a breadcrumb trail)."""
    story = set(anatomy.story_blocks)
    for paragraph in (b for b in anatomy.story_blocks if b.tag == "p" and _is_sentence(b)):
        following = next(_text_siblings(paragraph), None)
        if (
            following is not None
            and following.tag == "p"
            and following in story
            and _is_sentence(following)
        ):
            target = _at(root, _paths(anatomy, [paragraph])[0])
            new.tail = target.tail
            target.tail = None
            target.addnext(new)
            return True
    return False


def _is_sentence(paragraph: HtmlElement) -> bool:
    return _PROSE_END.search(paragraph.text_content()) is not None


def list_figure_added(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """A bulleted list of prices set in the story; one price changes ($11 -> $12)."""
    pages = []
    for price in (11, 12):
        root = _copy(anatomy)
        markup = (
            "<ul><li>The basic plan costs $8 per month.</li>"
            f"<li>The family plan costs ${price} per month.</li>"
            "<li>Students pay half price with a valid card.</li></ul>"
        )
        if not _insert_between_paragraphs(anatomy, root, _fragment(markup)):
            return None
        pages.append(anatomy.serialize(root))
    return pages[0], pages[1]


def headline_rewritten(anatomy: Anatomy, rng: random.Random) -> Pair | None:
    """The visible headline is rewritten (every printed copy of it); structured
    data and <title> keep the old one."""
    headings = [h for h in anatomy.root.iter("h1") if anatomy.is_headline(h.text_content())]
    if not headings:
        return None
    root = _copy(anatomy)
    for path in _paths(anatomy, headings):
        heading = _at(root, path)
        for line_break in heading.iter("br"):  # "WEEKEND<br>CODING" is two words
            line_break.tail = " " + (line_break.tail or "")
        text = " ".join(heading.text_content().split())
        for child in list(heading):
            heading.remove(child)
        heading.text = f"Update: {text}"
    return anatomy.serialize(), anatomy.serialize(root)


EDITS: dict[str, Mutation] = {
    "figure": figure_changed,
    "sentence_deleted": sentence_deleted,
    "sentence_inserted": sentence_inserted,
    "list_figure": list_figure,
    "list_figure_added": list_figure_added,
    "headline": headline_rewritten,
}
