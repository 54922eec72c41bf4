"""What each generated edit does to a paragraph's figures and quotes: the truth of the
`numbers_changed` / `quote_changed` flags, written apart from `core/align/facts.py`.

The generator knows what it changed, so most answers are by construction:

* a figure update (in place, in a list cut, inside a moved or gathered sentence)
  changes a quantity: `numbers` True;
* style-only edits (quote/dash style, case, mis-decoding), number-word noise
  ("One reason is that…", "one of the", "just"/"only" beside a count), typo
  fixes and sentences that only moved change no quantity and no quote: False
  (the hard negatives of both flags);
* other edits (a sentence added or cut, words rephrased) change a quantity
  only if the changed words hold one: False when the changed words hold no
  digit and no number word; otherwise not scored (None), since whether a new
  sentence's "two" is a new figure is a judgement the benchmark does not make.

Quotes are found here with a deliberately simple reading: double quotation
marks in pairs (any style), and single marks not touching a letter on the
outside. An edit changes a quote when its changed characters overlap a quoted
span; an unpaired double mark makes the answer unscored.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

QUANTITY_EDITS = frozenset({"number_update", "list_cut", "rewrite_figure", "moved_figure"})
NO_QUANTITY_EDITS = frozenset(
    {"quote_style", "case_change", "mojibake", "noise_sentence", "noise_emphasis",
     "sentence_moved", "sentence_moved_far", "typo_fix", "agency_rewrite"}
)  # fmt: skip
NO_QUOTE_EDITS = frozenset(
    {"quote_style", "case_change", "mojibake", "sentence_moved", "sentence_moved_far",
     "agency_rewrite"}
)  # fmt: skip
NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand",
     "thousands", "million", "millions", "billion", "dozen", "dozens", "half", "first",
     "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "once", "twice"}
)  # fmt: skip
_DIGIT_OR_NUMBER_WORD = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.I)
_DOUBLE = '"“”„«»'
_QUOTE_SPAN = re.compile(f"[{_DOUBLE}][^{_DOUBLE}]*[{_DOUBLE}]|(?<![\\w])['‘][^'‘’]+['’](?![\\w])")
_PIECES = re.compile(r"\s+|\S+")


def holds_figure(text: str) -> bool:
    return bool(_DIGIT_OR_NUMBER_WORD.search(text))


def quote_spans(text: str) -> list[tuple[int, int]] | None:
    """Character spans of quoted passages, None when a double mark is left unpaired."""
    spans = [m.span() for m in _QUOTE_SPAN.finditer(text)]
    rest = _QUOTE_SPAN.sub("", text)
    return None if any(mark in rest for mark in _DOUBLE) else spans


def changed_spans(before: str, after: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans (before, after) of the words an edit changed."""
    a, b = _PIECES.findall(before), _PIECES.findall(after)
    starts_a = [0]
    for piece in a:
        starts_a.append(starts_a[-1] + len(piece))
    starts_b = [0]
    for piece in b:
        starts_b.append(starts_b[-1] + len(piece))
    old_spans, new_spans = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            old_spans.append((starts_a[i1], starts_a[i2]))
            new_spans.append((starts_b[j1], starts_b[j2]))
    return old_spans, new_spans


def _overlap(spans: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> bool:
    return any(a < d and c < b for a, b in spans for c, d in others)


def edit_flags(edit: str, before: str, after: str) -> tuple[bool | None, bool | None]:
    """(numbers, quotes) truth of one edit that turned `before` into `after`."""
    old_spans, new_spans = changed_spans(before, after)
    changed = [before[a:b] for a, b in old_spans] + [after[a:b] for a, b in new_spans]
    if edit in QUANTITY_EDITS:
        numbers: bool | None = True
    elif edit in NO_QUANTITY_EDITS:
        numbers = False
    else:
        numbers = None if any(map(holds_figure, changed)) else False
    if edit in NO_QUOTE_EDITS:
        return numbers, False
    old_quotes, new_quotes = quote_spans(before), quote_spans(after)
    if old_quotes is None or new_quotes is None:
        return numbers, None
    touched = _overlap(old_spans, old_quotes) or _overlap(new_spans, new_quotes)
    return numbers, touched


def _passage(span_text: str) -> str:
    return " ".join(re.findall(r"\w+", span_text.casefold()))


def lone_quote(text: str, other_side: Sequence[str]) -> bool | None:
    """Truth of `quote_changed` on an added (removed) paragraph: it holds a quote the
    other version lacks. None for an unpaired mark or a passage found over there too."""
    spans = quote_spans(text)
    if spans is None:
        return None
    passages = [p for p in (_passage(text[a + 1 : b - 1]) for a, b in spans) if p]
    if not passages:
        return False
    there = " ".join(_passage(t) for t in other_side)
    return None if any(p in there for p in passages) else True
