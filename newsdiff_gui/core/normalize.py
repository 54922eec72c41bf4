"""Text normalisation shared by storage (is this a new version?) and alignment.

Two levels:
* `clean_text` removes what never counts as a change: NBSP and other odd spaces,
  runs of whitespace, and invisible characters that carry no meaning (zero-width
  characters, soft hyphens, invisible operators, tag characters, Hangul fillers,
  stray variation selectors, implicit direction marks; see `_is_noise`).
  Explicit bidirectional controls are *kept*: they change what a reader sees, so
  a change in them is a real change; `core/visible.py` shows them as markers.
* `fold_typography` additionally folds what counts only as a *minor* change:
  curly vs straight quotes, dash variants, letter case.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

# Invisible characters: newsrooms' CMSes insert and drop them freely, and an
# attacker can use them to make two identical-looking texts differ, so the ones
# that carry no meaning must never create a version or a diff row.
#
# The class is taken from Unicode data, not a hand list: a format character
# (category Cf) whose bidirectional class is BN ("boundary neutral", which the
# bidi algorithm ignores) renders as nothing: soft hyphen, zero-width space and
# joiners, word joiner, invisible times/separator/plus (U+2061-2064), the BOM,
# Mongolian vowel separator, deprecated format characters, tag characters
# (U+E0000-E007F; this also turns the rare subdivision flags such as England's
# into a plain black flag, a price worth paying against text smuggled in tags).
# Cf characters of other bidi classes are kept: the explicit embeddings,
# overrides and isolates (U+202A-202E, U+2066-2069) reorder what a reader sees,
# so a change in them is a change (shown visibly, see core/visible.py), and the
# prepended concatenation marks (U+0600-0605, U+06DD, ...) draw a visible sign.
#
# The implicit direction marks LRM, RLM and ALM are folded too, although their
# bidi class is L/R/AL: Arabic and Hebrew news text uses them legitimately and
# inconsistently from one republish to the next, and on their own they only nudge
# where neutral characters (punctuation, spaces) sit between scripts, not which
# words are there. The raw page keeps them.
_IMPLICIT_MARKS = frozenset("\u200e\u200f\u061c")
# Default-ignorable characters outside category Cf, which Python's unicodedata
# cannot name as a class (it lacks the Default_Ignorable_Code_Point property):
# the combining grapheme joiner and the Hangul fillers render as nothing (U+3164
# is a favourite "blank" username and spoofing character).
PRINTABLE_IGNORABLES = frozenset("\u034f\u115f\u1160\u3164\uffa0")
PRINTABLE_IGNORABLE = re.compile("[" + "".join(sorted(PRINTABLE_IGNORABLES)) + "]")
# Variation selectors (VS1-16, VS17-256, Mongolian free variation selectors). They
# pick a glyph for the character before them and are meaningful only after a
# character that has variants: emoji and symbols (text or emoji presentation, math
# variants), keycaps ("1" VS16 U+20E3), CJK ideographs (ideographic variation
# sequences), Mongolian letters. Python does not ship StandardizedVariants.txt, so
# `_selects_variant` approximates that list by category; a selector anywhere else
# (after a Latin letter, a space, another selector) is invisible noise and folded.
_SELECTOR_RANGES = "\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef"
_VARIATION_SELECTORS = re.compile(rf"(?s)(.)?([{_SELECTOR_RANGES}]+)(\u20e3)?")
# What `has_printable_ignorables` looks for: every noise character `str.isprintable`
# does not already catch (Cf characters are not printable).
_PRINTABLE_NOISE = re.compile("[" + "".join(sorted(PRINTABLE_IGNORABLES)) + _SELECTOR_RANGES + "]")

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


@functools.lru_cache(maxsize=4096)
def _is_noise(char: str) -> bool:
    """True for an invisible character that carries no meaning (see above)."""
    if char in _IMPLICIT_MARKS or char in PRINTABLE_IGNORABLES:
        return True
    return unicodedata.category(char) == "Cf" and unicodedata.bidirectional(char) == "BN"


def _selects_variant(base: str, keycap: bool) -> bool:
    category = unicodedata.category(base)
    if category[0] in "SP":  # symbols and punctuation: emoji, math variants, ‼️
        return True
    if keycap:  # "1" VS16 U+20E3 is the keycap emoji 1️⃣
        return base in "0123456789#*"
    return "\u1800" <= base <= "\u18af" or unicodedata.name(base, "").startswith("CJK")


def _fold_selectors(match: re.Match[str]) -> str:
    base, selectors, keycap = match.group(1) or "", match.group(2), match.group(3) or ""
    # A character takes one selector; a second one is always noise.
    kept = selectors[0] if base and _selects_variant(base, bool(keycap)) else ""
    return base + kept + keycap


def has_printable_ignorables(text: str) -> bool:
    """True if `text` may hold noise that `str.isprintable()` does not reveal.

    For fast paths (align/text.py): text that is printable and has none of these
    comes out of `clean_text` unchanged, apart from spaces and NFC.
    """
    return _PRINTABLE_NOISE.search(text) is not None


_MISDECODED_I = "\u00c3\u00ad"


def clean_text(text: str) -> str:
    """Canonical form of a text for 'did anything change?' questions."""
    if not text.isascii():
        # Only distinct characters are classified: a 5 MB paragraph has a few
        # hundred, so this stays linear and fast on hostile input.
        noise = {ord(char): None for char in set(text) if char > "\x7f" and _is_noise(char)}
        if noise and _MISDECODED_I in text:
            # "Ã" and a soft hyphen is "í" read as Windows-1252: the soft hyphen is the
            # letter's second byte, not a hyphenation hint, and without it nothing
            # (ftfy included) can tell "GarcÃa" was "García".
            text = _MISDECODED_I.join(part.translate(noise) for part in text.split(_MISDECODED_I))
        elif noise:
            text = text.translate(noise)
        if _PRINTABLE_NOISE.search(text):
            text = _VARIATION_SELECTORS.sub(_fold_selectors, text)
        # After removing: a combining grapheme joiner blocks canonical reordering,
        # so texts that differ only by one must be put in NFC once it is gone.
        text = unicodedata.normalize("NFC", text)
    # str.split() parts the text at every Unicode space (no-break, thin, ideographic,
    # line and paragraph separators: Python's isspace) and is several times faster
    # than a pattern; this runs on every block of every page.
    return " ".join(text.split())


def fold_quotes(text: str) -> str:
    """The text with its quote, apostrophe and dash marks in one style (“ ” ’ – as " ' -)."""
    return text.translate(_QUOTES)


def fold_typography(text: str) -> str:
    """`clean_text`, plus quote/dash style and case folded (for 'minor' edits)."""
    folded = fold_quotes(clean_text(text))
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


# A month's name or its abbreviation, for patterns (case-insensitive ones).
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

# The page's own note of when it was updated, in a block of text: "We updated this
# article on 27 November 2025. Our editors …", "Editor's Note: This guide was last
# reviewed on February 2, 2026, to …", "Updated: December 9, 2024" glued before a
# paragraph. Its date changes on every republish; the words around it are the
# note's and stay compared. A story's own dates ("The law was updated on March 3")
# name no page, and stay text. Bounded quantifiers only: linear on any input.
_PAGE = r"(?:article|post|page|story|guide|review|list|round-?up|piece)"
_UPDATING = r"(?:updated|reviewed|refreshed|revised|fact[- ]checked)"
_PAGE_UPDATE_DATE = re.compile(
    rf"(?:\b(?:we|i)\s+(?:last\s+)?{_UPDATING}\s+this\s+{_PAGE}"
    rf"|\bthis\s+{_PAGE}\s+(?:was|has\s+been)\s+(?:last\s+)?{_UPDATING}"
    r"|^\W{0,3}(?:last\s+)?(?:updated|published|modified|posted|reviewed))"
    r"(?:\s+on)?\s{0,3}:?\s{0,3}"
    rf"(?P<date>{MONTH_NAME}\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?,?\s{{1,3}}(?:19|20)\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s{{1,3}}{MONTH_NAME},?\s{{1,3}}(?:19|20)\d{{2}}"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})",
    re.IGNORECASE,
)


def without_page_update_dates(text: str) -> str:
    """`text` with the date of the page's own update note replaced by a mark."""
    return _PAGE_UPDATE_DATE.sub(
        lambda match: match.group(0)[: match.start("date") - match.start()] + "<date>", text
    )


def content_fingerprint(title: str, byline: str | None, paragraphs: Iterable[str]) -> str:
    """A stable string for 'is this the same article text?'; noise removed (a block
    that only states a date, and the date of the page's own update note)."""
    kept = [
        without_page_update_dates(clean_text(p)) for p in paragraphs if not is_dateline_noise(p)
    ]
    parts = [clean_text(title), clean_text(byline or ""), *[p for p in kept if p]]
    return "\n".join(parts)
