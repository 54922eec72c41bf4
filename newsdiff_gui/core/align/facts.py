"""Fact-level flags: did the figures or the quoted words of a row change?

Fact-checkers look at these first, so a flag must mean what it says.

Numbers: a row's figures changed when the multiset of its quantities differs:
figures in digits, number words, each with the bound that qualifies it ("at least",
"more than", "nearly": "seven" → "at least seven" counts), a currency sign or a
unit. Emphasis is not a bound ("only 12", "just one" say the same count as "12",
"one"). Some words are numbers only sometimes: "one" is also the indefinite
determiner and pronoun ("One reason is that…", "one of the", "no one"),
"first"/"second" order events or measure time ("at first", "a second look"), "once"
is a conjunction, "score" is a game's result or a verb far more often than twenty
("You might just score a little more time"). Such a word counts as a figure when it
carries a bound, currency or unit ("at least one", "one million"); bare, it counts
only when one replaced another ("first" → "second"), not when it came or went alone.
So "one person" → "two people" is a change (two is a figure), "One reason…" added is
not.

Quotes: any difference in the multiset of quoted passages (compared as
lower-case words) sets the flag. Text that was only mis-decoded ("â€œ" for
"“") is read as it was meant to be before either test.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet

from newsdiff_gui.core.align.model import ChangeKind, Row
from newsdiff_gui.core.align.text import fix_mis_decoding, words

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
# Number words with a common sense that is no quantity (see the module docstring).
_SOMETIMES_NUMBERS = frozenset({"one", "first", "second", "once", "score"})
# Words that only count next to a figure ("5 m", "45 percent", "$5").
_AFTER_FIGURE = frozenset({"%", "percent", "per", "cent", "m", "k"})
_CURRENCY = frozenset("$€£¥")
_QUALIFIERS = frozenset(
    {
        ("at", "least"), ("at", "most"), ("more", "than"), ("fewer", "than"), ("less", "than"),
        ("up", "to"), ("as", "many", "as"), ("an", "estimated"), ("nearly",), ("almost",),
        ("about",), ("around",), ("roughly",), ("approximately",), ("some",), ("over",),
        ("under",),
    }
)  # fmt: skip
# Words whose change can change a number expression (figures, qualifiers).
_FIGURE_HINTS = _NUMBER_WORDS | {w for q in _QUALIFIERS for w in q} - {"at", "as", "an"}
# Figures ("1,200", "3.5", "7"), words, and the symbols that go with figures.
_TERM = re.compile(r"\d(?:[\d,.]*\d)?|[^\W\d_]+|[%$€£¥]")
# The figure terms of `_TERM` (its first alternative).
_FIGURE = re.compile(r"\d(?:[\d,.]*\d)?")
# The same terms as a split pattern: text → [gap, term, gap, term, …, gap], so the
# gap before term k is part 2k (every term is at least one character long).
_TERM_SPLIT = re.compile(f"({_TERM.pattern})")
_JOINS_FIGURES = re.compile(r"[\s\-\u2010-\u2013]*")
# The terms of ASCII text, and its figure terms: the same matches as `_TERM_SPLIT`
# and `_FIGURE` there, found several times as fast (no Unicode class is tested).
_ASCII_TERM = re.compile(r"[0-9](?:[0-9,.]*[0-9])?|[a-zA-Z]+|[%$]")
_ASCII_TERM_SPLIT = re.compile(f"({_ASCII_TERM.pattern})")
_ASCII_FIGURE = re.compile(r"[0-9](?:[0-9,.]*[0-9])?")
# Marks of news prose that make most non-ASCII paragraphs non-ASCII, each with an
# ASCII character of the same part in a term split: no term character, and a
# join (`_JOINS_FIGURES`) exactly when the mark is one (the en dash, the no-break
# space). Replaced, they leave the terms and what joins them as they were.
_ASCII_STAND_INS = (
    ("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2014", "#"),
    ("\u2026", "#"), ("\u2013", "-"), ("\u00a0", " "),
)  # fmt: skip


def figure_terms(folded: str, terms: list[str]) -> AbstractSet[str]:
    """The terms of casefolded text that are figures: digits or number words."""
    if folded.isascii() or not any(c.isdigit() and not c.isdecimal() for c in set(folded)):
        # The terms holding a digit are then exactly the matches of the figure
        # pattern (\d is a decimal digit; a term of letters holds none): a set
        # intersection and a short scan instead of a test per term.
        return _NUMBER_WORDS.intersection(terms).union(_FIGURE.findall(folded))
    # A term of letters may open with a digit that is no decimal digit ("²").
    return {t for t in set(terms) if t[0].isdigit() or t in _NUMBER_WORDS}


def _ascii_form(folded: str) -> str | None:
    """`folded` with its common marks stood in for (`_ASCII_STAND_INS`), when that
    makes it ASCII: its terms are then read by the ASCII patterns (a Unicode
    class tested on every character of a non-ASCII paragraph cost most of
    `number_expressions`)."""
    if not folded.isascii():
        for mark, stand_in in _ASCII_STAND_INS:
            if mark in folded:
                folded = folded.replace(mark, stand_in)
        if not folded.isascii():
            return None
    return folded


def _terms(folded: str) -> tuple[list[str], list[str], AbstractSet[str]]:
    """(`_TERM_SPLIT.split(folded)` up to the text of its gaps, its terms, its
    figure terms). A gap may differ only in characters that no term holds and
    that join figures exactly where the original ones do, and gaps are read
    only for that."""
    plain = _ascii_form(folded)
    if plain is None:
        parts = _TERM_SPLIT.split(folded)
        terms = parts[1::2]
        return parts, terms, figure_terms(folded, terms)
    parts = _ASCII_TERM_SPLIT.split(plain)
    terms = parts[1::2]
    # (As `figure_terms` finds them in ASCII text.)
    return parts, terms, _NUMBER_WORDS.intersection(terms).union(_ASCII_FIGURE.findall(plain))


def number_expressions(text: str) -> Counter[str]:
    """Number expressions with their qualifiers: "at least eight", "$5 million", "45 %"."""
    parts, terms, figures = _terms(text.casefold())
    found: Counter[str] = Counter()
    if not figures:
        return found
    # Only the figures' neighbourhoods are read (most words of a text are no figure).
    next_end = 0
    for index in itertools.compress(itertools.count(), map(figures.__contains__, terms)):
        if index < next_end:
            continue  # already part of the previous expression
        start, end = index, index + 1
        # One expression runs on over spaces and hyphens only ("twenty-five", "$5
        # million"), never over punctuation ("in 2026. Once again" is two).
        while (
            end < len(terms)
            and (terms[end] in figures or terms[end] in _AFTER_FIGURE)
            and _JOINS_FIGURES.fullmatch(parts[2 * end])
        ):
            end += 1
        if start > 0 and terms[start - 1] in _CURRENCY:
            start -= 1
        for size in (3, 2, 1):
            if start >= size and tuple(terms[start - size : start]) in _QUALIFIERS:
                start -= size
                break
        found[" ".join(terms[start:end])] += 1
        next_end = end
    return found


def might_change_figures(changed_texts: Iterable[str]) -> bool:
    """False when none of the changed texts could touch a number expression."""
    for text in changed_texts:
        folded = text.casefold()
        plain = _ascii_form(folded)
        terms = _TERM.findall(folded) if plain is None else _ASCII_TERM.findall(plain)
        if any(t[0].isdigit() or t in _CURRENCY or t == "%" for t in terms):
            return True
        if not _FIGURE_HINTS.isdisjoint(terms):
            return True
    return False


# Double quotation marks in every style; single ones only as quotation marks,
# not apostrophes (not touching, on the outside, a letter or digit of a script
# that writes apostrophes: "it’s", "O’Brien", "the ’90s"). Korean particles
# follow a closing mark directly (‘데이트 폭력’이): that is still a quote.
_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033'
_DOUBLE_QUOTED = re.compile(f"[{_DOUBLE_MARKS}]([^{_DOUBLE_MARKS}]*)[{_DOUBLE_MARKS}]")
_APOSTROPHE_SCRIPTS = "0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_OPEN_QUOTE = re.compile(f"[{_DOUBLE_MARKS}](.*)$", re.DOTALL)
# (The mark first, then a look behind it for a letter: a pattern that opens
# with a set of characters is scanned for at C speed, twice as fast.)
_SINGLE_QUOTED = re.compile(
    f"['\u2018\u2019\u201a\u201b](?<![{_APOSTROPHE_SCRIPTS}]['\u2018\u2019\u201a\u201b])"
    f"(.+?)['\u2018\u2019](?![{_APOSTROPHE_SCRIPTS}])"
)


def quoted_passages(text: str) -> Counter[str]:
    """Quoted passages as lower-case words. A row's text (paragraphs joined by "\\n\\n")
    is read as one, so a quote split across a paragraph break is still one quote."""
    return Counter(_paragraph_passages(text))


# Characters without which a text holds no quotation (most paragraphs have none).
_ANY_MARK = re.compile(f"[{_DOUBLE_MARKS}'\u2018\u2019\u201a\u201b]")


# A paragraph's passages are wanted twice in one alignment (its row's flag, then
# the lone-quote totals): parsed once, for the few hundred latest texts.
@functools.lru_cache(maxsize=512)
def _paragraph_passages(paragraph: str) -> tuple[str, ...]:
    text = fix_mis_decoding(paragraph)
    if not ('"' in text or "'" in text if text.isascii() else _ANY_MARK.search(text)):
        return ()  # (of the marks, ASCII text can hold only these two)
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
    passages = (" ".join(words(q.casefold())) for q in quotes)
    return tuple(p for p in passages if p)


# One alignment asks for the quantities of the same text several times (a row's
# flags, again when the row is re-diffed by sentence or regrouped): read once.
# Callers only compare the counters, never change them.
@functools.lru_cache(maxsize=2048)
def _quantities(text: str) -> tuple[Counter[str], Counter[str]]:
    """(figures, bare words that are numbers only sometimes) of a text."""
    figures = number_expressions(fix_mis_decoding(text))
    bare = Counter({e: n for e, n in figures.items() if e in _SOMETIMES_NUMBERS})
    return figures - bare, bare


def numbers_changed(old: str, new: str) -> bool:
    """Whether a quantity changed (see the module docstring for what counts)."""
    old_figures, old_bare = _quantities(old)
    new_figures, new_bare = _quantities(new)
    if old_figures != new_figures:
        return True
    # A bare "one"/"first" that came or went alone is no figure; one replaced by
    # another ("first" → "second") is.
    return bool(old_bare - new_bare) and bool(new_bare - old_bare)


def quote_changed(old: str, new: str) -> bool:
    return quoted_passages(old) != quoted_passages(new)


# A single mark that may open a quote (not right after a letter or digit).
_MAY_OPEN_SINGLE = re.compile(
    f"['\u2018\u2019\u201a\u201b](?<![{_APOSTROPHE_SCRIPTS}]['\u2018\u2019\u201a\u201b])"
)
_MAY_OPEN_APOSTROPHE = re.compile(f"'(?<![{_APOSTROPHE_SCRIPTS}]['\u2018\u2019\u201a\u201b])")


def quotes_read_alike(text: str) -> bool:
    """Whether the text's quoted passages stay the same whatever whitespace
    stands between its words: double quotes and a quote left open are read
    across any whitespace; a single-quoted passage ends at a line break, and
    mis-decoding is told by a space after "Â" or "Ã", so a text with a single
    mark that may open a quote, or with a sign of mis-decoding, is not known to."""
    if fix_mis_decoding(text) is not text:
        return False
    # (ASCII text holds only the first of the marks: a pattern opening with it
    # is scanned for several times as fast as one opening with the set.)
    single = _MAY_OPEN_APOSTROPHE if text.isascii() else _MAY_OPEN_SINGLE
    return not single.search(text)


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
    removed = {
        i: _paragraph_passages(old_texts[i])
        for row in rows
        if row.kind is ChangeKind.REMOVED
        for i in row.old
    }
    added = {
        j: _paragraph_passages(new_texts[j])
        for row in rows
        if row.kind is ChangeKind.ADDED
        for j in row.new
    }
    # Only a quote of an added or removed paragraph can be flagged: where they
    # hold none (most edits), no other paragraph need be read.
    if not any(removed.values()) and not any(added.values()):
        return rows
    # (Read above, or equal on both sides.)
    known = (ChangeKind.REMOVED, ChangeKind.ADDED, ChangeKind.UNCHANGED, ChangeKind.MOVED)
    changed = [row for row in rows if row.kind not in known]
    may_hold = _may_hold({p for found in (*removed.values(), *added.values()) for p in found})
    old_passages = removed | {
        i: _paragraph_passages(old_texts[i])
        for row in changed
        for i in row.old
        if may_hold(old_texts[i])
    }
    new_passages = added | {
        j: _paragraph_passages(new_texts[j])
        for row in changed
        for j in row.new
        if may_hold(new_texts[j])
    }
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
        # (`dataclasses.replace`, spelt out: it reads the fields first.)
        flagged.append(
            Row(
                row.kind,
                row.old,
                row.new,
                row.similarity,
                row.minor,
                row.tokens,
                row.numbers_changed,
                True,
                row.minor_reason,
            )
            if gone_or_new
            else row
        )
    return flagged


# Above this many passages to look for, every changed paragraph is read.
_MAX_LOOKED_FOR = 16


def _may_hold(passages: AbstractSet[str]) -> Callable[[str], bool]:
    """Whether a paragraph may hold one of `passages` (it holds the longest word
    of one): only their counts flag a row, and a rewrite's added and removed
    paragraphs hold a few, while its changed paragraphs number hundreds."""
    if len(passages) > _MAX_LOOKED_FOR:
        return lambda paragraph: True
    keys = [max(passage.split(" "), key=len) for passage in passages]

    def may_hold(paragraph: str) -> bool:
        # (Passages are read after mis-decoding is undone: so are their words.)
        folded = fix_mis_decoding(paragraph).casefold()
        return any(key in folded for key in keys)

    return may_hold
