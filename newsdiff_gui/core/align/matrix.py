"""All-pairs shared text between two lists of coded texts, at C speed.

One `rapidfuzz.process.cdist` call computes the word-pair LCS of every
(old, new) pair into a numpy matrix; callers filter it with numpy, so only the
cells that matter ever become Python objects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

# Below this many cells threads cost more than they save.
_THREADED_CELLS = 40_000


def lcs_matrix(
    old_codes: Sequence[str], new_codes: Sequence[str], workers: int
) -> NDArray[np.int32]:
    """matrix[i, j] = word-pair LCS of old_codes[i] and new_codes[j]."""
    if not old_codes or not new_codes:
        return np.zeros((len(old_codes), len(new_codes)), dtype=np.int32)
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


def shared_text(
    old_codes: Sequence[str], new_codes: Sequence[str], workers: int
) -> list[tuple[int, int, int]]:
    """(i, j, lcs) for every pair sharing at least one word pair."""
    matrix = lcs_matrix(old_codes, new_codes, workers)
    rows, columns = np.nonzero(matrix)
    values = matrix[rows, columns]
    return list(zip(rows.tolist(), columns.tolist(), values.tolist(), strict=True))


def diagonal_blocks(old_count: int, new_count: int, max_cells: int) -> list[tuple[range, range]]:
    """Work cap: cut a too-large matrix into blocks along its diagonal.

    Paragraphs far apart in relative position are then never compared, which
    only costs pairings between distant paragraphs (they show as removed +
    added, still lossless); each block has at most about `max_cells` cells.
    """
    if old_count * new_count <= max_cells or old_count == 0 or new_count == 0:
        return [(range(old_count), range(new_count))]
    parts = 1
    while (old_count / parts) * (new_count / parts) > max_cells:
        parts += 1
    return [
        (
            range(old_count * k // parts, old_count * (k + 1) // parts),
            range(new_count * k // parts, new_count * (k + 1) // parts),
        )
        for k in range(parts)
    ]
