"""A guide's FAQ printed under an "FAQ" heading, when the page states none for search engines.

core/extract/faq.py puts back the questions and answers a page states as its
schema.org FAQPage. Many pages print an FAQ without stating it: a heading
("FAQ", "Frequently asked questions about …") over questions set as subheadings,
buttons, <summary> or <dt>, each followed by its answer in a box of its own
(a CMS's rich-text field). The engine drops such a box as a list of widgets, so
an edit to an answer ("Google Analytics 4" -> "5") made no version.

The printed FAQ is read as the stated one would be, and faq.restore_faq puts
back what the reading lacks, where the page prints it. It counts only when:
- the heading names an FAQ and nothing else, and stands outside the page's
  navigation, header, footer, asides and forms, and is not hidden;
- at least two questions follow it, before the next heading of its level: a
  line of at most 200 characters ending in "?", set as a question is
  (h2-h6, summary, button, dt);
- each question's answer is the next box that holds text, prose of 40
  characters or more, mostly its own words rather than links, and no question
  itself.
A forum's thread is no FAQ: its questions are posts, not under such a heading.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import FURNITURE_BOXES, inside_boxes, is_hidden_box
from newsdiff_gui.core.extract.lists import text_siblings
from newsdiff_gui.core.extract.text_key import HEADINGS, linked_chars, printed_text
from newsdiff_gui.core.normalize import clean_text

_FAQ_HEADING = re.compile(
    r"^\W*(?:faqs?|frequently asked questions|common questions|questions and answers)"
    r"(?:\s+(?:about|on|for)\b[^.!?]{0,60})?\W*$",
    re.IGNORECASE,
)
_QUESTION_TAGS = ("h2", "h3", "h4", "h5", "h6", "summary", "button", "dt")
_MAX_QUESTION_CHARS = 200
_MIN_ANSWER_CHARS = 40
_MAX_ANSWER_LINK_SHARE = 0.5
_MIN_QUESTIONS = 2
# How far up from the heading its FAQ's box is sought, and from a question wrapped
# alone (a button in an <h3>) its answer.
_BOX_LEVELS = 3
_ANSWER_LEVELS = 2
# Bounds for hostile pages: headings looked at, questions read under one heading.
_MAX_HEADINGS = 400
_MAX_QUESTIONS = 200


def printed_faq(tree: HtmlElement) -> tuple[str, ...]:
    """The questions and answers of the page's printed FAQ (see the module docstring),
    a text each, in the page's order; () when it prints none."""
    for heading in islice(tree.iter("h2", "h3", "h4"), _MAX_HEADINGS):
        if not _FAQ_HEADING.match(printed_text(heading)):
            continue
        if inside_boxes(heading, FURNITURE_BOXES):
            continue
        if any(is_hidden_box(e) for e in (heading, *heading.iterancestors())):
            continue
        entries = _entries_under(heading)
        if len(entries) >= 2 * _MIN_QUESTIONS:
            return tuple(entries)
    return ()


def _entries_under(heading: HtmlElement) -> list[str]:
    """Questions and answers after the heading, in the smallest box around it that
    holds at least two."""
    box = heading
    for _ in range(_BOX_LEVELS):
        parent = box.getparent()
        if parent is None:
            break
        box = parent
        entries = _entries_in(box, heading)
        if len(entries) >= 2 * _MIN_QUESTIONS:
            return entries
    return []


def _entries_in(box: HtmlElement, heading: HtmlElement) -> list[str]:
    level = int(heading.tag[1])
    entries: list[str] = []
    after_heading = False
    for element in islice(box.iter(heading.tag, *_QUESTION_TAGS), _MAX_QUESTIONS):
        if element is heading:
            after_heading = True
            continue
        if not after_heading:
            continue
        if element.tag in HEADINGS and int(element.tag[1]) <= level:
            break  # the next section
        question = clean_text(printed_text(element))
        if not question.endswith("?") or len(question) > _MAX_QUESTION_CHARS:
            continue
        answer = _answer_of(element)
        if answer is not None:
            entries += [question, answer]
    return entries


def _answer_of(question: HtmlElement) -> str | None:
    place = question
    for _ in range(_ANSWER_LEVELS):
        sibling = next(text_siblings(place, preceding=False), None)
        if sibling is not None:
            text = clean_text(printed_text(sibling))
            prose = (
                len(text) >= _MIN_ANSWER_CHARS
                and not text.endswith("?")
                and linked_chars(sibling) <= _MAX_ANSWER_LINK_SHARE * len(text)
            )
            return text if prose else None
        parent = place.getparent()
        if parent is None:
            return None
        place = parent
    return None
