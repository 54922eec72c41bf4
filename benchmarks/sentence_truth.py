"""The sentence-level judge: does a diff claim that text still standing is gone or new?

Written for the benchmark apart from the aligner (it does not use
`core/align/invariants`): the judge of a contract must not share the code it judges.

Definition (DESIGN.md's truth invariant, as scored here):

* What a diff *shows as gone*: the text of `delete` tokens, and the whole text of
  a `removed` row without tokens. *Shown as new*: `insert` tokens and `added`
  rows without tokens. Text inside `moved_out` / `moved_in` tokens is an account
  of a move, never a claim; `equal` text is not a claim. A moved-in token's own
  word tokens (the edit of a moved sentence) are part of that account.
* A sentence (cut by `revision_text.sentences`) is *claimed* gone (new) when
  it has at least `MIN_WORDS` words and more than half of its words start
  inside text shown as gone (new).
* A claim is *false* when the sentence stands on the other side: verbatim (its
  casefolded words, in order, inside some paragraph of the other version) or
  near-verbatim (a sentence of the other version with word similarity
  2·LCS/(|a|+|b|) ≥ `NEAR`). Copies are counted: when a sentence stands n times
  on its side and m times on the other, n − m of its copies may honestly be
  shown as gone (a pull quote printed twice loses one), so only claims beyond
  that are false.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from benchmarks.revision_text import sentences
from newsdiff_gui.core.align import ChangeKind, Diff, TokenOp
from newsdiff_gui.core.align.model import paragraph_text

MIN_WORDS = 8
NEAR = 0.9
JOINER = "\n\n"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Sentence:
    side: str  # "old" or "new"
    paragraph: int
    text: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FalseClaim:
    sentence: Sentence
    share: float  # 1.0, or a fraction when copies make only some claims false

    def describe(self) -> str:
        s = self.sentence
        return f"{s.side} ¶{s.paragraph} shown as {'gone' if s.side == 'old' else 'new'}: {s.text}"


def _masks(diff: Diff) -> tuple[list[bytearray], list[bytearray]]:
    """Per paragraph, 1 for each character shown as gone (old) or new (new)."""
    old = [paragraph_text(p) for p in diff.old.paragraphs]
    new = [paragraph_text(p) for p in diff.new.paragraphs]
    gone = [bytearray(len(t)) for t in old]
    fresh = [bytearray(len(t)) for t in new]
    for row in diff.rows:
        if not row.tokens:
            if row.kind is ChangeKind.REMOVED:
                for i in row.old:
                    gone[i][:] = b"\x01" * len(old[i])
            elif row.kind is ChangeKind.ADDED:
                for j in row.new:
                    fresh[j][:] = b"\x01" * len(new[j])
            continue
        _mark(row.old, old, gone, [(t.text, t.op is TokenOp.DELETE) for t in row.tokens
                                    if t.op.on_old_side])  # fmt: skip
        _mark(row.new, new, fresh, [(t.text, t.op is TokenOp.INSERT) for t in row.tokens
                                    if t.op.on_new_side])  # fmt: skip
    return gone, fresh


def _mark(
    indices: Sequence[int], texts: list[str], masks: list[bytearray], runs: list[tuple[str, bool]]
) -> None:
    """Mark the claimed runs of a row's side text (paragraphs joined by JOINER)."""
    starts, at = [], 0
    for i in indices:
        starts.append(at)
        at += len(texts[i]) + len(JOINER)
    offset = 0
    for text, claimed in runs:
        if claimed:
            for k, i in enumerate(indices):
                lo, hi = max(offset, starts[k]), min(offset + len(text), starts[k] + len(texts[i]))
                if lo < hi:
                    masks[i][lo - starts[k] : hi - starts[k]] = b"\x01" * (hi - lo)
        offset += len(text)


def _sentences(side: str, texts: list[str], masks: list[bytearray]) -> list[tuple[Sentence, bool]]:
    """Sentences of `MIN_WORDS`+ words, with whether each is claimed gone/new."""
    found = []
    for index, text in enumerate(texts):
        at = 0
        for part in sentences(text):
            start = text.find(part, at)
            at = start + len(part)
            words = list(_WORD.finditer(part))
            if len(words) < MIN_WORDS:
                continue
            marked = sum(masks[index][start + w.start()] for w in words)
            key = tuple(w[0].casefold() for w in words)
            found.append((Sentence(side, index, part, key), 2 * marked > len(words)))
    return found


class _Coder:
    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def __call__(self, words: Sequence[str]) -> str:
        codes = self.codes
        for w in words:
            if w not in codes:
                codes[w] = chr(0x100 + len(codes))
        return "".join(codes[w] for w in words)


def false_claims(diff: Diff) -> list[FalseClaim]:
    """Sentences that stand on the other side but are shown as gone or new."""
    old = [paragraph_text(p) for p in diff.old.paragraphs]
    new = [paragraph_text(p) for p in diff.new.paragraphs]
    gone, fresh = _masks(diff)
    sides = {"old": _sentences("old", old, gone), "new": _sentences("new", new, fresh)}
    claimed = [s for found in sides.values() for s, c in found if c]
    if not claimed:
        return []
    coder = _Coder()
    everything = [s for found in sides.values() for s, _ in found]
    codes = [coder(s.words) for s in everything]
    is_claimed = [c for found in sides.values() for _, c in found]
    rows = [k for k, c in enumerate(is_claimed) if c]
    similar = cdist(
        [codes[k] for k in rows], codes, scorer=Indel.normalized_similarity, score_cutoff=NEAR
    )
    padded = {
        "old": " " + " \n ".join(" ".join(_WORD.findall(t.casefold())) for t in old) + " ",
        "new": " " + " \n ".join(" ".join(_WORD.findall(t.casefold())) for t in new) + " ",
    }
    result = []
    for r, k in enumerate(rows):
        sentence = everything[k]
        other = "new" if sentence.side == "old" else "old"
        near = [m for m in range(len(everything)) if similar[r][m] >= NEAR]
        key = f" {' '.join(sentence.words)} "
        there = max(sum(everything[m].side == other for m in near), padded[other].count(key))
        if not there:
            continue
        mine = [m for m in near if everything[m].side == sentence.side]
        here = max(len(mine), padded[sentence.side].count(key))
        claims_here = max(1, sum(is_claimed[m] for m in mine))
        false = min(claims_here, there - (here - claims_here))
        if false > 0:
            result.append(FalseClaim(sentence, false / claims_here))
    return result


def count(claims: Sequence[FalseClaim]) -> float:
    return sum(c.share for c in claims)
