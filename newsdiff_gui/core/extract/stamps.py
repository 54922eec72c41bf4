"""Bylines, dates, reading times and comment counts printed as lines of text.

They are metadata about the article, not its text, and they change on their
own ("Updated 10:47" becomes "Updated 11:02", "8 min read" becomes "9 min
read", "941 comments" grows, "1,204 people are reading this now" moves), so a
line made of them must never make a new version, and a byline must never
carry them. A line is metadata when it holds
at least one such stamp and, once the stamps are taken out, what is left is at
most a short run of names (capitalised words, @handles): "Jane Okafor · 8 min
read", "Created on Jul 11, 2025", "By A. Writer | Updated November 18, 2025".
A sentence ("Updated at 10:47: police said two people were hurt") keeps its
lowercase words and stays text, and so does a date under a label a page does not
stamp itself with ("Released: November 4, 2025 by Harbour Press", "Deadline:
March 3, 2026"): a fact of the story, fixed until the story changes it, and so
does a quotation's signature ("— Harbour Desk (@harbourdesk) November 18, 2019",
an embedded post's): the quote's source.
"""

from __future__ import annotations

import re

from newsdiff_gui.core.normalize import MONTH_NAME

_KEYWORD = (
    r"(?:last\s+updated|last\s+modified|updated|published|posted|created|modified|reviewed|"
    r"edited|first\s+published)(?:\s+on|\s+at)?\s*:?"
)
# A count ("941 ", "1.2k "), not a list's number: "5. Online Fitness Coaching" is a heading.
_COUNT = r"\b\d(?:[\d,.]*\d)?\s*k?\s+"
# A stamp that marks a line (or a byline's tail) as metadata by itself.
_MARKER = re.compile(
    rf"\b{_KEYWORD}"
    r"|\b\d+\s*(?:min(?:ute)?s?|hours?|hrs?|h|m|seconds?|secs?|days?|d|weeks?|months?|years?)"
    r"\.?\s+(?:read|ago|listen)\b"
    rf"|{_COUNT}(?:comments?|replies|responses|shares|views|reactions|likes|reads|claps"
    r"|plays)\b"
    # a live count of the audience ("1,204 people are reading this now")
    rf"|{_COUNT}(?:people|readers|users|viewers|others)\s+(?:are\s+)?"
    r"(?:reading|watching|viewing|online)(?:\s+(?:this|it))?(?:\s+(?:right\s+)?now)?"
    r"|\b(?:reading|read)\s+time\s*:?\s*\d+\s*(?:min(?:ute)?s?)?"
    # a full date with its year ("November 18th, 2019", "18 November 2019")
    rf"|\b{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME},?\s+(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
# Everything a stamp line may hold besides names.
_STAMP = re.compile(
    rf"{_MARKER.pattern}"
    rf"|\b{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_NAME}(?:,?\s+\d{{4}})?"
    r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b"
    r"|\b\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?|\b\d{1,2}\s*[ap]\.?\s?m\b\.?"
    r"|\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?"
    r"|\b(?:today|yesterday|just\s+now|ago)\b"
    r"|\b(?:gmt|utc|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ist|aest)\b"
    r"|\b(?:19|20)\d{2}\b"
    r"|\b(?:by|and|on|at|in|from|written|words|reporter|updated|published)\b"
    r"|@\w+",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[\s|·•,;:/\-–—()\[\]]+")
MAX_STAMP_LINE_CHARS = 200
_DIGIT = re.compile(r"\d")
_MAX_NAME_WORDS = 6


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or word[:1] == "@" or word in {"de", "van", "von", "da", "le"}


def has_stamp(text: str) -> bool:
    """True when the text holds a stamp that marks a line as metadata (see module)."""
    return _DIGIT.search(text) is not None and _MARKER.search(text) is not None


# A range of days is when an event runs ("July 26-30, 2026", "26–30 July", "July 30 -
# August 2", "30 July–2 August"), a fact of the story; a page stamps itself with one
# day. (One group: the ranges are the odd pieces of a split.)
_DAY_RANGE = re.compile(
    rf"(\b{MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*[-–—]\s*(?:{MONTH_NAME}\s+)?"
    r"\d{1,2}\b(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+{MONTH_NAME})?\s*[-–—]\s*\d{{1,2}}(?:st|nd|rd|th)?"
    rf"\s+{MONTH_NAME}\b"
    r"(?:,?\s+\d{4})?)",
    re.IGNORECASE,
)


def without_stamps(text: str) -> str:
    """The text with its dates, times, counts and byline words taken out; an event's
    range of days stays."""
    pieces = _DAY_RANGE.split(text)
    return "".join(
        piece if index % 2 else _STAMP.sub(" ", piece) for index, piece in enumerate(pieces)
    )


def opens_with_stamp(text: str) -> bool:
    """True when the text starts with a stamp ("Last updated: January 12, 2026. …")."""
    return _MARKER.match(text) is not None and has_stamp(text)


# A label a page stamps itself with ("Updated:", "Date:", "Posted on:", "By:"); any
# other label before a date names a fact of the story: a book's "Released: November
# 4, 2025 by St. Martin's Press", an event's "Deadline: March 3, 2026".
_FACT_LABEL = re.compile(r"\s*([^\W\d_][^\W\d_' ’-]{0,30}?)\s*:\s*\S")
_STAMP_LABEL = re.compile(
    r"(?:(?:last|first|updated?|published|posted|created|modified|reviewed|edited|dated?"
    r"|time|on|at|by|written|authors?|reporter|writer|words)\b[\s'’-]*)+",
    re.IGNORECASE,
)


def _labels_a_fact(block: str) -> bool:
    match = _FACT_LABEL.match(block)
    return match is not None and _STAMP_LABEL.fullmatch(match.group(1)) is None


# A quotation's signature ("— Harbour Desk (@harbourdesk) November 18, 2019", an
# embedded post's) says who said it and when: the quote's source, fixed once said.
_SIGNATURE = re.compile(r"\s*[—–]\s*\w")


def is_stamp_line(block: str) -> bool:
    """True for a line that is only bylines, dates, reading times or counts (see module)."""
    # Every stamp worth the name has a figure; Title Case headings such as "What
    # Was Updated In The Law" do not.
    if len(block) > MAX_STAMP_LINE_CHARS or not has_stamp(block):
        return False
    if _labels_a_fact(block) or _SIGNATURE.match(block):
        return False
    rest = [word for word in _SEPARATORS.split(without_stamps(block)) if word]
    return len(rest) <= _MAX_NAME_WORDS and all(_is_name_word(word) for word in rest)


# A weekday printed before a date goes with it ("Sat, 20 Dec, 2025" leaves no "Sat").
_WEEKDAY = (
    r"(?:\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)\b\.?,?\s+)?"
)
_BYLINE_CUT = re.compile(
    rf"{_MARKER.pattern}"
    rf"|{_WEEKDAY}(?:\b{MONTH_NAME}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTH_NAME}"
    r"|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2})",
    re.IGNORECASE,
)


def strip_stamps(byline: str) -> str:
    """The byline without the dates, times and counts printed after the names."""
    match = _BYLINE_CUT.search(byline)
    if match is None:
        return byline
    return byline[: match.start()].strip(" \t|·•,;:-–—(")
