"""All-pairs shared text between two lists of coded texts, at C speed.

One `rapidfuzz.process.cdist` call computes the word-pair LCS of every
(old, new) pair into a numpy matrix; callers filter it with numpy, so only the
cells that matter ever become Python objects.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

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


def lcs_matrix(
    old_codes: Sequence[str], new_codes: Sequence[str], workers: int
) -> NDArray[np.int32]:
    """matrix[i, j] = word-pair LCS of old_codes[i] and new_codes[j].

    Rows and columns of very long texts (a whole article in one block) hold the
    shared multiset of word pairs instead, an upper bound of the LCS that costs
    one pass over the other texts instead of a quadratic alignment each.
    """
    if not old_codes or not new_codes:
        return np.zeros((len(old_codes), len(new_codes)), dtype=np.int32)
    old_long = [i for i, c in enumerate(old_codes) if len(c) > LONG_TEXT_CODES]
    new_long = [j for j, c in enumerate(new_codes) if len(c) > LONG_TEXT_CODES]
    if not old_long and not new_long:
        return _lcs(old_codes, new_codes, workers)
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


def _lcs(old_codes: Sequence[str], new_codes: Sequence[str], workers: int) -> NDArray[np.int32]:
    cells = len(old_codes) * len(new_codes)
    matrix: NDArray[np.int32] = process.cdist(
        old_codes,
        new_codes,
        scorer=LCSseq.similarity,
        score_cutoff=1,
        dtype=np.int32,
        workers=workers if cells >= _THREADED_CELLS else 1,
    )
    return matrix


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
