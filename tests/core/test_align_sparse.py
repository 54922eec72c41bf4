"""Shortcuts in the all-pairs comparisons give exactly what the plain computations give."""

from __future__ import annotations

import random

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel, LCSseq

from newsdiff_gui.core.align import links_index, matrix


def _codes(rng: random.Random, count: int, alphabet: int) -> list[str]:
    return [
        "".join(chr(0x100 + rng.randrange(alphabet)) for _ in range(rng.randrange(0, 14)))
        for _ in range(count)
    ]


def test_sparse_lcs_is_the_full_lcs_matrix() -> None:
    rng = random.Random(7)
    for alphabet in (3, 8, 40, 400):  # from pairs repeating everywhere to nearly none shared
        old, new = _codes(rng, 70, alphabet), _codes(rng, 60, alphabet)
        full = process.cdist(old, new, scorer=LCSseq.similarity, score_cutoff=1, dtype=np.int32)
        sparse = matrix._sparse_lcs(old, new)
        assert sparse.dtype == full.dtype
        assert (sparse == full).all()


def test_sparse_lcs_keeps_exact_what_is_read_and_each_rows_and_columns_largest() -> None:
    rng = random.Random(11)
    for alphabet in (3, 8, 40, 400):
        old, new = _codes(rng, 70, alphabet), _codes(rng, 60, alphabet)
        full = process.cdist(old, new, scorer=LCSseq.similarity, score_cutoff=1, dtype=np.int32)
        for floor in (2, 4, 7):
            pruned = matrix._sparse_lcs(old, new, lambda rows, cols, bound, f=floor: bound >= f)
            row_max, column_max = full.max(axis=1), full.max(axis=0)
            assert (pruned.max(axis=1) == row_max).all()
            assert (pruned.max(axis=0) == column_max).all()
            assert ((pruned == row_max[:, None]) == (full == row_max[:, None])).all()
            assert ((pruned == column_max[None, :]) == (full == column_max[None, :])).all()
            assert ((pruned >= floor) == (full >= floor)).all()
            # Elsewhere: 1, a lower bound below its row's and column's largest.
            lower = (pruned == 1) & (full >= 1) & (full < floor)
            below = (full < row_max[:, None]) & (full < column_max[None, :])
            assert ((pruned == full) | (lower & below)).all()


def test_lcs_matrix_above_the_sparse_threshold_is_the_full_matrix() -> None:
    rng = random.Random(8)
    old, new = _codes(rng, 80, 12), _codes(rng, 50, 12)
    assert len(old) * len(new) >= matrix._SPARSE_MIN_CELLS
    full = process.cdist(old, new, scorer=LCSseq.similarity, score_cutoff=1, dtype=np.int32)
    assert (matrix.lcs_matrix(old, new, workers=1) == full).all()


def test_unique_is_numpys() -> None:
    rng = np.random.default_rng(9)
    for size in (0, 1, 2, 50, 5000):
        values = rng.integers(0, 40, size).astype(np.int64)
        assert np.array_equal(links_index._unique(values), np.unique(values))


def test_indexed_candidates_are_the_all_pairs_candidates() -> None:
    rng = random.Random(10)
    old = [[rng.randrange(30) for _ in range(rng.randrange(1, 14))] for _ in range(250)]
    new = [[rng.randrange(30) for _ in range(rng.randrange(1, 14))] for _ in range(200)]
    new += [[w if rng.random() < 0.9 else rng.randrange(30) for w in s] for s in old[:40]]
    assert len(old) * len(new) > links_index.MAX_ALL_PAIRS  # the index is used
    indexed = sorted(links_index.candidates(old, new, 0.75))
    all_pairs = sorted(
        (a, b, score)
        for a, b, score in (
            (a, b, _similarity(old[a], new[b])) for a in range(len(old)) for b in range(len(new))
        )
        if score >= 0.75
    )
    assert [(a, b) for a, b, _ in indexed] == [(a, b) for a, b, _ in all_pairs]
    assert np.allclose([s for *_, s in indexed], [s for *_, s in all_pairs])


def _similarity(a: list[int], b: list[int]) -> float:
    def code(words: list[int]) -> str:
        return "".join(chr(0x100 + w) for w in words)

    return Indel.normalized_similarity(code(a), code(b))
