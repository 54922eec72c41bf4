"""Fact-level flags: did the figures or the quoted words of a row change?

Fact-checkers look at these first, so the test errs towards flagging: any
difference in the multiset of number expressions (with their qualifier, so
"seven" → "at least seven" counts) or of quoted passages sets the flag.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from newsdiff_gui.core.align.model import ChangeKind, Row

_NUMBER_WORDS = frozenset(
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
        "billions", "trillion", "trillions", "bn", "dozen", "dozens", "half", "score", "first",
        "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "once", "twice",
    }
)  # fmt: skip
# Words that only count next to a figure ("5 m", "45 percent", "$5").
_AFTER_FIGURE = frozenset({"%", "percent", "per", "cent", "m", "k"})
_CURRENCY = frozenset("$€£¥")
_QUALIFIERS = frozenset(
    {
        ("at", "least"), ("at", "most"), ("more", "than"), ("fewer", "than"), ("less", "than"),
        ("up", "to"), ("as", "many", "as"), ("an", "estimated"), ("nearly",), ("almost",),
        ("about",), ("around",), ("roughly",), ("approximately",), ("some",), ("over",),
        ("under",), ("only",), ("just",),
    }
)  # fmt: skip
# Words whose change can change a number expression (figures, qualifiers).
_FIGURE_HINTS = _NUMBER_WORDS | {w for q in _QUALIFIERS for w in q} - {"at", "as", "an"}
# Figures ("1,200", "3.5", "7"), words, and the symbols that go with figures.
_TERM = re.compile(r"\d(?:[\d,.]*\d)?|[^\W\d_]+|[%$€£¥]")


def number_expressions(text: str) -> Counter[str]:
    """Number expressions with their qualifiers: "at least eight", "$5 million", "45 %"."""
    terms = _TERM.findall(text.casefold())
    figures = {t for t in set(terms) if t[0].isdigit() or t in _NUMBER_WORDS}
    found: Counter[str] = Counter()
    if not figures:
        return found
    index = 0
    while index < len(terms):
        if terms[index] not in figures:
            index += 1
            continue
        start, end = index, index + 1
        while end < len(terms) and (terms[end] in figures or terms[end] in _AFTER_FIGURE):
            end += 1
        if start > 0 and terms[start - 1] in _CURRENCY:
            start -= 1
        for size in (3, 2, 1):
            if start >= size and tuple(terms[start - size : start]) in _QUALIFIERS:
                start -= size
                break
        found[" ".join(terms[start:end])] += 1
        index = end
    return found


def might_change_figures(changed_texts: Iterable[str]) -> bool:
    """False when none of the changed texts could touch a number expression."""
    for text in changed_texts:
        terms = _TERM.findall(text.casefold())
        if any(t[0].isdigit() or t in _CURRENCY or t == "%" for t in terms):
            return True
        if not _FIGURE_HINTS.isdisjoint(terms):
            return True
    return False


# Double quotation marks in every style; single ones only as quotation marks,
# not apostrophes (not touching a letter on the outside).
_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033'
_DOUBLE_QUOTED = re.compile(f"[{_DOUBLE_MARKS}]([^{_DOUBLE_MARKS}]*)[{_DOUBLE_MARKS}]")
_OPEN_QUOTE = re.compile(f"[{_DOUBLE_MARKS}](.*)$", re.DOTALL)
_SINGLE_QUOTED = re.compile("(?<!\\w)['\u2018\u2019\u201a\u201b](.+?)['\u2018\u2019](?!\\w)")
_WORDS = re.compile(r"\w+")


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


def numbers_changed(old: str, new: str) -> bool:
    return number_expressions(old) != number_expressions(new)


def quote_changed(old: str, new: str) -> bool:
    return quoted_passages(old) != quoted_passages(new)


def flag_lone_quotes(rows: list[Row], old_texts: list[str], new_texts: list[str]) -> list[Row]:
    """`rows` with `quote_changed` set on added and removed paragraphs whose quote is new or gone.

    A quote that disappears with its paragraph is the change a fact-checker most
    needs to see, so it counts as a changed quote, as an edited one does; and so
    does a quote that arrives with a new paragraph. A quoted passage the other
    side still holds as often (the paragraph was rewritten around it) is neither
    gone nor new. Quotes are counted as `quote_changed` counts them, as a multiset;
    paragraphs equal on both sides hold the same quotes on both, so only changed
    paragraphs are read, which keeps a 100,000-paragraph comparison fast.
    """
    lone = (ChangeKind.ADDED, ChangeKind.REMOVED)
    if not any(row.kind in lone for row in rows):
        return rows
    same = (ChangeKind.UNCHANGED, ChangeKind.MOVED)
    changed = [row for row in rows if row.kind not in same]
    old_passages = {i: quoted_passages(old_texts[i]) for row in changed for i in row.old}
    new_passages = {j: quoted_passages(new_texts[j]) for row in changed for j in row.new}
    old_total, new_total = Counter[str](), Counter[str]()
    for counter in old_passages.values():
        old_total.update(counter)
    for counter in new_passages.values():
        new_total.update(counter)
    flagged = []
    for row in rows:
        if row.kind is ChangeKind.REMOVED:
            passages, here, there = [old_passages[i] for i in row.old], old_total, new_total
        elif row.kind is ChangeKind.ADDED:
            passages, here, there = [new_passages[j] for j in row.new], new_total, old_total
        else:
            flagged.append(row)
            continue
        gone_or_new = any(here[p] > there[p] for counter in passages for p in counter)
        flagged.append(dataclasses.replace(row, quote_changed=True) if gone_or_new else row)
    return flagged
