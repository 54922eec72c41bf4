"""Fact-level flags: did the figures or the quoted words of a row change?

Fact-checkers look at these first, so the test errs towards flagging: any
difference in the multiset of number expressions (with their qualifier, so
"seven" → "at least seven" counts) or of quoted passages sets the flag.
"""

from __future__ import annotations

import re
from collections import Counter

from newsdiff_gui.core.normalize import fold_typography

_NUMBER_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|"
    "dozens?|half|score|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    "once|twice|a\\s+dozen|a\\s+hundred|a\\s+thousand"
)
_QUALIFIERS = (
    "at\\s+least|at\\s+most|more\\s+than|fewer\\s+than|less\\s+than|up\\s+to|as\\s+many\\s+as|"
    "nearly|almost|about|around|roughly|approximately|some|over|under|only|just|an\\s+estimated"
)
# Text is folded first (lower case, straight quotes, ASCII dashes).
_NUMBER = re.compile(
    rf"(?:\b(?:{_QUALIFIERS})\s+)?"
    rf"(?:[$€£¥]\s?)?(?:\d[\d,.]*\d|\d|\b(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}))*\b)"
    r"(?:\s(?:hundred|thousand|million|billion|trillion|bn|m)\b)?"
    r"(?:\s?(?:%|percent\b|per\s+cent\b))?"
)
_DOUBLE_QUOTED = re.compile(r'"([^"]*)"')
# Single quotes as quotation marks, not apostrophes: not touching a letter outside.
_SINGLE_QUOTED = re.compile(r"(?<!\w)'([^']+?)'(?!\w)")
_WORDS = re.compile(r"\w+")


def number_expressions(text: str) -> Counter[str]:
    folded = fold_typography(text)
    return Counter(re.sub(r"\s+", " ", m.group(0)).strip(" ,.") for m in _NUMBER.finditer(folded))


def quoted_passages(text: str) -> Counter[str]:
    folded = fold_typography(text)
    quotes = [m.group(1) for m in _DOUBLE_QUOTED.finditer(folded)]
    rest = _DOUBLE_QUOTED.sub(" ", folded)
    if '"' in rest:
        # A quote left open runs on to the end of the paragraph (news style for
        # quotes spanning paragraphs).
        quotes.append(rest[rest.index('"') + 1 :])
    quotes += [m.group(1) for m in _SINGLE_QUOTED.finditer(rest)]
    passages = (" ".join(_WORDS.findall(q)) for q in quotes)
    return Counter(p for p in passages if p)


def numbers_changed(old: str, new: str) -> bool:
    return number_expressions(old) != number_expressions(new)


def quote_changed(old: str, new: str) -> bool:
    return quoted_passages(old) != quoted_passages(new)
