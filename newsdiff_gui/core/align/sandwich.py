"""Heavily edited short paragraphs that kept their place: the lower bar of pairing.

A status page's list item cut to one clause with its figure updated ("More than
40 schools reopened; 9 clinics open; 3 (+1) shelters open" → "More than 55
schools reopened") or a renumbered heading ("Update 3 (14:00)" → "Update 4
(18:30)") shares too few word pairs with its old text to pass the rules of
pairing.py. Two things still make it the same paragraph, and together they
are enough:

* position: the old and the new paragraph are both unpaired and stand in the
  same gap between two neighbours that stayed in place (the backbone), so a
  reader scanning both versions sees one where the other was;
* facts: the words they share are the paragraph's own (weighted by how few
  paragraphs of the two versions hold them, so "police", "Tuesday" or the city
  of the story weigh little), and at least one of them is a fact — a word no
  more than a few paragraphs use, a name or place (capitalised inside a
  sentence), or the unit word of a figure ("40 schools"). Or the two texts are
  one template with only their figures changed (a renumbered heading).

Neither is enough alone: an item replaced in place by an unrelated one is
sandwiched too, and a free-floating paragraph sharing a name is not an edit.
The lower bar is never used when the versions share little (`is_wire_swap`):
another agency's copy of the story has no backbone worth standing on.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz.distance import LCSseq

from newsdiff_gui.core.align.chain import Span, heaviest_chain
from newsdiff_gui.core.align.leftovers import Match, similarity_of
from newsdiff_gui.core.align.text import words
from newsdiff_gui.core.align.thresholds import (
    FACT_MAX_MENTIONS,
    SANDWICH_CONTEXT_PARAGRAPHS,
    SANDWICH_MAX_GAP,
    SANDWICH_MIN_WEIGHTED_SHARE,
    WIRE_SWAP_MAX_PAIRED_SHARE,
    WIRE_SWAP_MIN_PARAGRAPHS,
)

_DIGITS = re.compile(r"\d+")
# A figure and the word it counts: "40 schools", "80% of homes", "3 (+1) shelters".
_UNIT = re.compile(r"\d[\d.,]*\s*(?:%|per cent|\(\+?\d+\))?\s*(?:of\s+)?([^\W\d_]+)")
# Capitalised inside a sentence (not after . ! ? or at the start): names, places.
_NAME = re.compile(r"(?<![.!?]\s)(?<=\s)([A-Z][^\W\d_]+)")
# Function words: never facts, and no weight in the shared share.
_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an and are as at be been but by for from had has have he her his in is it its"
        " of on or our she so than that the their them then there they this to was we were"
        " which who will with would more most less also not no after before over under"
        " into about said says",
    )
)


def is_wire_swap(paired_old: int, paired_new: int, old_count: int, new_count: int) -> bool:
    """Whether so few paragraphs paired on their own text that no lower bar may apply."""
    shorter = min(old_count, new_count)
    if shorter < WIRE_SWAP_MIN_PARAGRAPHS:
        return False  # too few paragraphs to tell a swap from an edit by a share
    return min(paired_old, paired_new) < WIRE_SWAP_MAX_PAIRED_SHARE * shorter


def _content(text: str) -> list[str]:
    return [w for w in words(text.casefold()) if w not in _STOP and not w.isdigit()]


def _facts(text: str) -> set[str]:
    """Words the text states as facts: unit words of figures, names and places."""
    units = {m[1].casefold() for m in _UNIT.finditer(text)}
    return units | {m[1].casefold() for m in _NAME.finditer(text)}


def _template(text: str) -> str | None:
    """The text with its figures masked, when it has figures and words (a numbered heading)."""
    masked = words(_DIGITS.sub("0", text.casefold()))
    if "0" not in masked or all(w == "0" for w in masked):
        return None
    return " ".join(masked)


class _Weights:
    """How much a shared word says: log(paragraphs / mentions), over old paragraphs near gaps.

    Shared words stand in the old version by definition, so its mentions alone
    say how common a word is in the story; and only near the gaps
    (SANDWICH_CONTEXT_PARAGRAPHS), so a 3,000-paragraph live blog with one
    edited item is not read whole. Mentions, not paragraphs holding the word:
    one pass of C over the text, and a word said twice in one paragraph is not
    rarer for it.
    """

    def __init__(self, old_texts: Sequence[str]) -> None:
        # Paragraph by paragraph (no word spans two): one paragraph outside
        # ASCII would send all of them, joined, down `words`' slow path.
        self.mentions = Counter(
            itertools.chain.from_iterable(words(text.casefold()) for text in old_texts)
        )
        self.total = len(old_texts)

    def of(self, word: str) -> float:
        return math.log((self.total + 1) / (self.mentions[word] + 1))

    def rare(self, word: str) -> bool:
        return self.mentions[word] <= FACT_MAX_MENTIONS


def _score(old: str, new: str, weights: _Weights, short_words: int) -> float | None:
    """How strongly two sandwiched texts are one paragraph (None: not at all)."""
    if len(old.split()) < short_words and len(new.split()) < short_words:
        template = _template(old)
        if template is not None and template == _template(new):
            return 1.0
    old_words, new_words = set(_content(old)), set(_content(new))
    shared = old_words & new_words
    if not shared:
        return None
    facts = (_facts(old) & _facts(new)) | {w for w in shared if weights.rare(w)}
    if not facts & shared:
        return None
    shorter = old_words if len(old_words) <= len(new_words) else new_words
    share = sum(map(weights.of, shared)) / max(sum(map(weights.of, shorter)), 1e-9)
    return share if share >= SANDWICH_MIN_WEIGHTED_SHARE else None


def sandwiched_pairs(
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    backbone: Sequence[Span],
    paired_old: set[int],
    paired_new: set[int],
    short_words: int,
) -> list[Match]:
    """Pairs of unpaired paragraphs in the same gap of the backbone that pass the lower bar."""
    gaps = []
    for old_range, new_range in _gaps(backbone, len(old_texts), len(new_texts)):
        old_free = [i for i in old_range if i not in paired_old]
        new_free = [j for j in new_range if j not in paired_new]
        if old_free and new_free and max(len(old_free), len(new_free)) <= SANDWICH_MAX_GAP:
            gaps.append((old_free, new_free))
    if not gaps:
        return []
    weights = _Weights([old_texts[i] for i in _context(gaps, len(old_texts))])
    found: list[Match] = []
    for old_free, new_free in gaps:
        spans: list[Span] = []
        for i in old_free:
            for j in new_free:
                score = _score(old_texts[i], new_texts[j], weights, short_words)
                if score is not None:
                    spans.append(Span(i, i, j, j, score))
        for k in heaviest_chain(spans, len(new_texts)):
            i, j = spans[k].old_lo, spans[k].new_lo
            old_words, new_words = words(old_texts[i]), words(new_texts[j])
            shared = LCSseq.similarity(old_words, new_words)
            found.append(Match((i,), (j,), similarity_of(shared, len(old_words), len(new_words))))
    return found


def _context(gaps: list[tuple[list[int], list[int]]], old_count: int) -> list[int]:
    """Old paragraphs within SANDWICH_CONTEXT_PARAGRAPHS of a gap: where "rare" is judged."""
    near: set[int] = set()
    for old_free, _ in gaps:
        low = max(0, old_free[0] - SANDWICH_CONTEXT_PARAGRAPHS)
        near.update(range(low, min(old_count, old_free[-1] + SANDWICH_CONTEXT_PARAGRAPHS + 1)))
    return sorted(near)


def _gaps(backbone: Sequence[Span], old_count: int, new_count: int) -> list[tuple[range, range]]:
    """Old and new index ranges between consecutive backbone spans (and the two ends)."""
    gaps = []
    old_at = new_at = 0
    for span in (*backbone, Span(old_count, old_count, new_count, new_count, 0.0)):
        gaps.append((range(old_at, span.old_lo), range(new_at, span.new_lo)))
        old_at, new_at = span.old_hi + 1, span.new_hi + 1
    return gaps
