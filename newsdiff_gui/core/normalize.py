"""Text normalisation shared by storage (is this a new version?) and alignment.

Two levels:
* `clean_text` removes what never counts as a change: NBSP and other odd spaces,
  zero-width characters, soft hyphens, runs of whitespace.
* `fold_typography` additionally folds what counts only as a *minor* change:
  curly vs straight quotes, dash variants, letter case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters that are invisible in a rendered page; newsrooms' CMSes insert and
# drop them freely, so they must never create a version or a diff row.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
_ODD_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
# "word - word" and "word—word" are the same dash edit; fold the spacing around it too.
_DASH_SPACING = re.compile(r"\s*-\s*")


def clean_text(text: str) -> str:
    """Canonical form of a text for 'did anything change?' questions."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _ODD_SPACES.sub(" ", text).strip()


def fold_typography(text: str) -> str:
    """`clean_text`, plus quote/dash style and case folded (for 'minor' edits)."""
    folded = clean_text(text).translate(_QUOTES)
    folded = _DASH_SPACING.sub("-", folded)
    return folded.casefold()


# A paragraph that is only a timestamp line ("Updated 10:47 GMT", "Last updated
# 3 hours ago", "Published: 12 March 2024, 09:15") changes on every republish
# without the story changing; it is ignored when deciding whether to store a version.
# Checked token by token (linear time: page text is untrusted, and a backtracking
# regex over digit runs can take hours).
_DATELINE_PREFIX = re.compile(
    r"^(?:last\s+)?(?:first\s+)?(?:updated|published|modified|posted)(?:\s+on)?\s*:?\s*",
    re.IGNORECASE,
)
_DATELINE_SEPARATORS = re.compile(r"[\s,./:|\u00b7-]+")
_DATE_WORDS = frozenset(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
        "today",
        "yesterday",
        "ago",
        "just",
        "now",
        "minute",
        "minutes",
        "min",
        "mins",
        "hour",
        "hours",
        "hr",
        "hrs",
        "day",
        "days",
        "second",
        "seconds",
        "sec",
        "secs",
        "am",
        "pm",
        "a",
        "p",
        "m",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "et",
        "pt",
        "at",
        "on",
        "of",
        "the",
    ]
)
_DATE_NUMBER = re.compile(r"^\d{1,4}(?:st|nd|rd|th|h\d{2})?$")


def is_dateline_noise(paragraph: str) -> bool:
    """True for a block that only states when the page was published or updated."""
    text = clean_text(paragraph)
    if not text or len(text) > 120 or not any(ch.isdigit() for ch in text):
        return False
    rest = _DATELINE_PREFIX.sub("", text, count=1).casefold()
    tokens = [token for token in _DATELINE_SEPARATORS.split(rest) if token]
    return bool(tokens) and all(
        token in _DATE_WORDS or _DATE_NUMBER.match(token) for token in tokens
    )


def content_fingerprint(title: str, byline: str | None, paragraphs: Iterable[str]) -> str:
    """A stable string for 'is this the same article text?'; noise removed."""
    kept = [clean_text(p) for p in paragraphs if not is_dateline_noise(p)]
    parts = [clean_text(title), clean_text(byline or ""), *[p for p in kept if p]]
    return "\n".join(parts)
