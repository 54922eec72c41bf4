"""All-pairs shared text between two lists of coded texts, at C speed.

One `rapidfuzz.process.cdist` call computes the word-pair LCS of every
(old, new) pair into a numpy matrix; callers filter it with numpy, so only the
cells that matter ever become Python objects.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

# Texts with more word pairs than this (~1,500 words: a page whose paragraph
# breaks were lost) are compared by shared word pairs, not aligned.
LONG_TEXT_CODES = 1500
# Diagonal blocks may hold this many times the per-matrix cap in all.
MATRIX_BUDGET_BLOCKS = 4
# Below this many cells threads cost more than they save.
_THREADED_CELLS = 40_000
# From this many cells on, only pairs that share two or more word pairs are
# aligned (`_sparse_lcs`); below, one `cdist` over all pairs costs less than
# finding them (measured: equal at ~3,000 cells of news paragraphs).
_SPARSE_MIN_CELLS = 3_000

_Int = NDArray[np.int64]


# Which cells (rows, columns, and an upper bound of each one's LCS) a caller
# reads, besides the largest cell of each row and column (see `lcs_matrix`).
Reads = Callable[[_Int, _Int, _Int], NDArray[np.bool_]]


def lcs_matrix(
    old_codes: Sequence[str], new_codes: Sequence[str], workers: int, reads: Reads | None = None
) -> NDArray[np.int32]:
    """matrix[i, j] = word-pair LCS of old_codes[i] and new_codes[j].

    Rows and columns of very long texts (a whole article in one block) hold the
    shared multiset of word pairs instead, an upper bound of the LCS that costs
    one pass over the other texts instead of a quadratic alignment each.

    With `reads`, only the cells it names and those that may be the largest of
    their row or column are exact: every other cell holds 1, a lower bound of
    its LCS, and both its LCS and 1 lie below the largest cell of its row and
    of its column (so a row's or column's maximum, and which cells equal it,
    are the exact matrix's). `reads` must name every cell a caller compares
    with a threshold the cell's upper bound meets (thresholds met by larger
    values only: then a cell it leaves out fails them as exact and as 1).
    """
    if not old_codes or not new_codes:
        return np.zeros((len(old_codes), len(new_codes)), dtype=np.int32)
    old_long = [i for i, c in enumerate(old_codes) if len(c) > LONG_TEXT_CODES]
    new_long = [j for j, c in enumerate(new_codes) if len(c) > LONG_TEXT_CODES]
    if not old_long and not new_long:
        return _lcs(old_codes, new_codes, workers, reads)
    matrix = _lcs(
        ["" if len(c) > LONG_TEXT_CODES else c for c in old_codes],
        ["" if len(c) > LONG_TEXT_CODES else c for c in new_codes],
        workers,
    )
    if old_long:
        new_counts = [Counter(c) for c in new_codes]
        for i in old_long:
            counts = Counter(old_codes[i])
            matrix[i, :] = [(other & counts).total() for other in new_counts]  # small first
    if new_long:
        old_counts = [Counter(c) for c in old_codes]
        for j in new_long:
            counts = Counter(new_codes[j])
            matrix[:, j] = [(other & counts).total() for other in old_counts]
    return matrix


def _lcs(
    old_codes: Sequence[str], new_codes: Sequence[str], workers: int, reads: Reads | None = None
) -> NDArray[np.int32]:
    cells = len(old_codes) * len(new_codes)
    if cells >= _SPARSE_MIN_CELLS:
        return _sparse_lcs(old_codes, new_codes, reads)
    matrix: NDArray[np.int32] = process.cdist(
        old_codes,
        new_codes,
        scorer=LCSseq.similarity,
        score_cutoff=1,
        dtype=np.int32,
        workers=workers if cells >= _THREADED_CELLS else 1,
    )
    return matrix


def _code_counts(codes: Sequence[str]) -> tuple[_Int, _Int, _Int]:
    """(code, text, count) of every distinct code of every text, sorted by code."""
    lengths = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
    flat = np.frombuffer("".join(codes).encode("utf-32-le"), dtype="<u4").astype(np.int64)
    owners = np.repeat(np.arange(len(codes), dtype=np.int64), lengths)
    keys, counts = np.unique(flat * len(codes) + owners, return_counts=True)
    return keys // len(codes), keys % len(codes), counts.astype(np.int64)


def _sparse_lcs(
    old_codes: Sequence[str], new_codes: Sequence[str], reads: Reads | None = None
) -> NDArray[np.int32]:
    """`cdist`'s matrix, aligning only the pairs that share two or more word pairs
    (with `reads`: only those `lcs_matrix` says must be exact).

    The LCS of two texts is at most the size of the multiset of word pairs they
    share; where that is 0 or 1 it is exactly that. Unrelated paragraphs of one
    page share at most one word pair ("of the") in ~95 % of pairs, so the exact
    alignment runs on a few percent of the cells.
    """
    old_code, old_owner, old_count = _code_counts(old_codes)
    new_code, new_owner, new_count = _code_counts(new_codes)
    low = np.searchsorted(new_code, old_code, "left")
    counts = np.searchsorted(new_code, old_code, "right") - low
    total = int(counts.sum())
    columns = len(new_codes)
    shared = np.zeros(len(old_codes) * columns, dtype=np.int64)
    if total:
        at = np.repeat(low - (np.cumsum(counts) - counts), counts) + np.arange(total)
        cells = np.repeat(old_owner, counts) * columns + new_owner[at]
        both = np.minimum(np.repeat(old_count, counts), new_count[at])
        shared = np.bincount(cells, weights=both, minlength=len(shared)).astype(np.int64)
    # (A pair sharing a word pair has an LCS of at least 1.)
    matrix = np.minimum(shared, 1).astype(np.int32)
    aligned = np.nonzero(shared >= 2)[0]
    if reads is not None and len(aligned):
        # A rewrite's paragraphs share two word pairs with a quarter of the
        # others; most of those cells are read by no threshold, and lie below
        # the largest of their row and column, which is all that is read of them.
        rows, cols = np.divmod(aligned, columns)
        read = reads(rows, cols, shared[aligned])
        _align_cells(matrix, aligned[read], old_codes, new_codes)
        grid = matrix.reshape(len(old_codes), columns)
        # Each row's and column's largest cell so far: a lower bound of its largest.
        bound = shared[aligned]
        may_lead = ~read & ((bound >= grid.max(axis=0)[cols]) | (bound >= grid.max(axis=1)[rows]))
        aligned = aligned[may_lead]
    _align_cells(matrix, aligned, old_codes, new_codes)
    return matrix.reshape(len(old_codes), columns)


def _align_cells(
    matrix: NDArray[np.int32], cells: _Int, old_codes: Sequence[str], new_codes: Sequence[str]
) -> None:
    """Each of the flat `cells` of `matrix` set to its exact LCS."""
    if len(cells):
        rows, cols = np.divmod(cells, len(new_codes))
        matrix[cells] = process.cpdist(
            [old_codes[i] for i in rows.tolist()],
            [new_codes[j] for j in cols.tolist()],
            scorer=LCSseq.similarity,
            dtype=np.int32,
            workers=1,
        )


def similar_pairs(
    old_codes: Sequence[str], new_codes: Sequence[str], min_similarity: float, workers: int
) -> list[tuple[int, int, float]]:
    """(i, j, similarity) for every pair at least `min_similarity` similar (> 0)."""
    matrix = lcs_matrix(old_codes, new_codes, workers)
    if matrix.size == 0:
        return []
    old_len = np.array([len(c) for c in old_codes], dtype=np.int32)[:, None]
    new_len = np.array([len(c) for c in new_codes], dtype=np.int32)[None, :]
    enough = (matrix > 0) & (2 * matrix >= min_similarity * (old_len + new_len))
    rows, columns = np.nonzero(enough)
    shared = matrix[rows, columns].tolist()
    return [
        (i, j, 2.0 * s / (len(old_codes[i]) + len(new_codes[j])))
        for i, j, s in zip(rows.tolist(), columns.tolist(), shared, strict=True)
    ]


def diagonal_blocks(old_count: int, new_count: int, max_cells: int) -> list[tuple[range, range]]:
    """Work cap: cut a too-large matrix into blocks along its diagonal.

    Paragraphs far apart in relative position are then never compared, which
    only costs pairings between distant paragraphs (they show as removed +
    added, still lossless); each block has at most about `max_cells` cells.
    """
    cells = old_count * new_count
    if cells <= max_cells or old_count == 0 or new_count == 0:
        return [(range(old_count), range(new_count))]
    # Blocks of at most max_cells each, and at most MATRIX_BUDGET_BLOCKS ×
    # max_cells in all (k blocks along the diagonal hold cells / k cells).
    parts = max(math.isqrt(cells // max_cells) + 1, -(-cells // (MATRIX_BUDGET_BLOCKS * max_cells)))
    parts = min(parts, old_count, new_count)
    return [
        (
            range(old_count * k // parts, old_count * (k + 1) // parts),
            range(new_count * k // parts, new_count * (k + 1) // parts),
        )
        for k in range(parts)
    ]
