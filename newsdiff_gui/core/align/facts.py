"""Fact-level flags: did the figures or the quoted words of a row change?

Fact-checkers look at these first, so the test errs towards flagging: any
difference in the multiset of number expressions (with their qualifier, so
"seven" → "at least seven" counts) or of quoted passages sets the flag.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

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
# Matched against case-folded text.
_NUMBER = re.compile(
    rf"(?:\b(?:{_QUALIFIERS})\s+)?"
    rf"(?:[$€£¥]\s?)?(?:\d[\d,.]*\d|\d|\b(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}))*\b)"
    r"(?:\s(?:hundred|thousand|million|billion|trillion|bn|m)\b)?"
    r"(?:\s?(?:%|percent\b|per\s+cent\b))?"
)
# Double quotation marks in every style; single ones only as quotation marks,
# not apostrophes (not touching a letter on the outside).
_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033'
_DOUBLE_QUOTED = re.compile(f"[{_DOUBLE_MARKS}]([^{_DOUBLE_MARKS}]*)[{_DOUBLE_MARKS}]")
_OPEN_QUOTE = re.compile(f"[{_DOUBLE_MARKS}](.*)$", re.DOTALL)
_SINGLE_QUOTED = re.compile("(?<!\\w)['\u2018\u2019\u201a\u201b](.+?)['\u2018\u2019](?!\\w)")
_WORDS = re.compile(r"\w+")
_FIGURE_HINT = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b")


def number_expressions(text: str) -> Counter[str]:
    folded = text.casefold()
    if _FIGURE_HINT.search(folded) is None:
        return Counter()
    return Counter(" ".join(m.group(0).split()).strip(" ,.") for m in _NUMBER.finditer(folded))


def quoted_passages(text: str) -> Counter[str]:
    quotes = [m.group(1) for m in _DOUBLE_QUOTED.finditer(text)]
    rest = _DOUBLE_QUOTED.sub(" ", text) if quotes else text
    open_quote = _OPEN_QUOTE.search(rest)
    if open_quote:
        # A quote left open runs on to the end of the paragraph (news style for
        # quotes spanning paragraphs).
        quotes.append(open_quote.group(1))
        rest = rest[: open_quote.start()]
    quotes += [m.group(1) for m in _SINGLE_QUOTED.finditer(rest)]
    # Compared as lower-case words: a quote's typography or case is a minor edit.
    passages = (" ".join(_WORDS.findall(q.casefold())) for q in quotes)
    return Counter(p for p in passages if p)


# Every word a number expression can contain: if no changed word is one of
# these (and none holds a digit), the expressions cannot differ.
_FIGURE_WORD = re.compile(
    rf"\d|\b(?:{_NUMBER_WORDS}|at|least|most|more|fewer|less|up|to|as|many|nearly|almost|"
    r"about|around|roughly|approximately|some|over|under|only|just|an|estimated|a|"
    r"hundred|thousand|million|billion|trillion|bn|m|percent|per|cent)\b|[%$€£¥]",
    re.IGNORECASE,
)


def might_change_figures(changed_texts: Iterable[str]) -> bool:
    """False when none of the changed texts could touch a number expression."""
    return any(_FIGURE_WORD.search(text) for text in changed_texts)


def numbers_changed(old: str, new: str) -> bool:
    return number_expressions(old) != number_expressions(new)


def quote_changed(old: str, new: str) -> bool:
    return quoted_passages(old) != quoted_passages(new)
