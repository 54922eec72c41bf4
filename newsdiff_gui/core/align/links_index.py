"""Candidate sentence pairs for links.py, without comparing every pair.

Few sentences: rapidfuzz's `cdist` compares all pairs in C. Many (a wire swap
of a 300-paragraph page shows ~1,000 sentences gone and ~1,000 new): prefix
filtering, with numpy doing the joins. Two sentences a, b with word similarity
2·LCS/(|a|+|b|) ≥ t share LCS ≥ t·|a|/(2−t) words (since LCS ≤ |b|), so they
share at least one of a's |a| − ⌈t·|a|/(2−t)⌉ + 1 rarest distinct words
(rarity: in how many new sentences a word stands). Only those words are looked
up, which is exact: no pair at or above t is missed (invariant 6 depends on
it). A cap on looked-up pairs bounds pathological texts (every sentence made
of the same few words); above it, pairs of the most common probe words are
skipped.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import Indel

# Up to this many gone × new sentences, every pair is compared (in C).
MAX_ALL_PAIRS = 40_000
# Work cap on candidate pairs the index hands to the exact comparison.
MAX_INDEX_PAIRS = 200_000

_Int = NDArray[np.int64]


def word_codes(
    old: list[tuple[str, ...]], new: list[tuple[str, ...]]
) -> tuple[list[str], list[str]]:
    """Sentences' casefolded words as strings of one character per word (word ids
    from 0 in order of first appearance, old side first, as `code_of` codes them):
    the same word the same character, and rapidfuzz compares strings at C speed."""
    known = dict.fromkeys(itertools.chain(*old, *new))
    chars = dict(zip(known, map(code_of, range(len(known))), strict=True))
    of = chars.__getitem__
    return ["".join(map(of, words)) for words in old], ["".join(map(of, words)) for words in new]


def code_of(word_id: int) -> str:
    """The character of a word id: from U+0100 on, skipping the surrogate block."""
    return chr(0x100 + word_id if word_id < 0xD700 else 0x900 + word_id)


def candidates(
    old_words: list[list[int]], new_words: list[list[int]], cutoff: float
) -> list[tuple[int, int, float]]:
    """(old, new, similarity) of the pairs of sentences (lists of word ids, from
    0) whose word similarity reaches `cutoff`."""
    vocabulary = 1 + max(itertools.chain(*old_words, *new_words), default=0)
    chars = [code_of(i) for i in range(vocabulary)]

    def code(words: list[int]) -> str:
        return "".join(map(chars.__getitem__, words))

    return coded_candidates([code(s) for s in old_words], [code(s) for s in new_words], cutoff)


def coded_candidates(
    old_codes: list[str], new_codes: list[str], cutoff: float
) -> list[tuple[int, int, float]]:
    """`candidates` of sentences coded as `word_codes` codes them."""
    if len(old_codes) * len(new_codes) <= MAX_ALL_PAIRS:
        matrix = process.cdist(
            old_codes,
            new_codes,
            scorer=Indel.normalized_similarity,
            score_cutoff=cutoff,
            dtype=np.float64,  # the same scores as one pair at a time
        )
        rows, columns = matrix.nonzero()
        return [
            (int(a), int(b), float(matrix[a, b]))
            for a, b in zip(rows.tolist(), columns.tolist(), strict=True)
        ]
    pairs = _indexed_pairs(old_codes, new_codes, cutoff)
    if not pairs:
        return []
    # One call scores every pair in C (as `cdist` does all pairs).
    scores = process.cpdist(
        [old_codes[a] for a, _ in pairs],
        [new_codes[b] for _, b in pairs],
        scorer=Indel.normalized_similarity,
        score_cutoff=cutoff,
        dtype=np.float64,
        workers=1,
    )
    return [(a, b, score) for (a, b), score in zip(pairs, scores.tolist(), strict=True) if score]


def _unique(values: _Int) -> _Int:
    """`np.unique(values)`: sorted, then kept where they change. (numpy 2's
    `np.unique` hashes first; on these arrays of 10,000 ids that took ~15 times
    as long as sorting.)"""
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _flatten(sentences: list[str]) -> tuple[_Int, _Int]:
    """(word id, sentence) of every distinct word of every coded sentence, sorted by word."""
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
    codes = np.frombuffer("".join(sentences).encode("utf-32-le"), dtype=np.uint32)
    # (`code_of` undone: ids are ordered as their characters are.)
    words = codes.astype(np.int64) - np.where(codes < 0xD800, 0x100, 0x900)
    owners = np.repeat(np.arange(len(sentences), dtype=np.int64), lengths)
    keys = _unique(words * len(sentences) + owners)
    return keys // len(sentences), keys % len(sentences)


def _indexed_pairs(
    old_words: list[str], new_words: list[str], cutoff: float
) -> list[tuple[int, int]]:
    new_word, new_owner = _flatten(new_words)
    old_word, old_owner = _flatten(old_words)
    vocabulary = 1 + max(int(new_word.max(initial=0)), int(old_word.max(initial=0)))
    frequency = np.bincount(new_word, minlength=vocabulary)
    # Each old sentence's distinct words, rarest first.
    order = np.lexsort((old_word, frequency[old_word], old_owner))
    old_word, old_owner = old_word[order], old_owner[order]
    group_start = np.searchsorted(old_owner, np.arange(len(old_words)))
    rank = np.arange(len(old_owner)) - group_start[old_owner]
    share = cutoff / (2 - cutoff)
    prefix = np.array(
        [len(s) - math.ceil(share * len(s) - 1e-9) + 1 for s in old_words], dtype=np.int64
    )
    probe = rank < prefix[old_owner]
    probe_word, probe_owner = old_word[probe], old_owner[probe]
    low = np.searchsorted(new_word, probe_word, "left")
    high = np.searchsorted(new_word, probe_word, "right")
    counts = high - low
    if int(counts.sum()) > MAX_INDEX_PAIRS:
        # Pathological texts: drop the probes of the most common words first.
        keep = np.argsort(counts, kind="stable")
        allowed = keep[np.cumsum(counts[keep]) <= MAX_INDEX_PAIRS]
        mask = np.zeros(len(counts), dtype=bool)
        mask[allowed] = True
        probe_owner, low, counts = probe_owner[mask], low[mask], counts[mask]
    total = int(counts.sum())
    if total == 0:
        return []
    starts = np.repeat(low - (np.cumsum(counts) - counts), counts) + np.arange(total)
    pairs = _unique(np.repeat(probe_owner, counts) * len(new_words) + new_owner[starts])
    old_lengths = np.array([len(s) for s in old_words], dtype=np.float64)
    new_lengths = np.array([len(s) for s in new_words], dtype=np.float64)
    a, b = pairs // len(new_words), pairs % len(new_words)
    # Lengths too far apart cannot reach the cutoff.
    fits = (new_lengths[b] >= share * old_lengths[a]) & (old_lengths[a] >= share * new_lengths[b])
    return list(zip(a[fits].tolist(), b[fits].tolist(), strict=True))
