"""The in-order backbone: a heaviest chain of candidate matches.

Given candidate matches between an old and a new sequence (a single pair, or a
run of consecutive pairs, or a group spanning several indices), pick the set of
greatest total weight in which every match lies strictly after the previous one
on both sides. Everything in the chain stays in place; a match left out of it
crosses the chain, i.e. moved. With a weight of about 1 per paragraph this picks
the fewest moved paragraphs that explain the new order.

O(k log n) with a Fenwick tree of prefix maxima, so a 3,000-paragraph live blog
costs a few milliseconds, not the seconds of a quadratic dynamic programme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate match covering old[old_lo..old_hi] and new[new_lo..new_hi] (inclusive)."""

    old_lo: int
    old_hi: int
    new_lo: int
    new_hi: int
    weight: float


def heaviest_chain(spans: Sequence[Span], new_count: int) -> list[int]:
    """Indices into `spans` of a heaviest chain, in order."""
    count = len(spans)
    if count == 0:
        return []
    order = sorted(range(count), key=lambda k: (spans[k].old_lo, spans[k].new_lo))
    by_old_end = sorted(range(count), key=lambda k: spans[k].old_hi)
    size = new_count + 1
    tree_value = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)
    best = [0.0] * count
    previous = [-1] * count
    pending = 0
    for k in order:
        span = spans[k]
        # Spans that end (on the old side) before this one starts may precede it;
        # they were all visited already because spans are visited by old start.
        while pending < count and spans[by_old_end[pending]].old_hi < span.old_lo:
            done = by_old_end[pending]
            position = spans[done].new_hi + 1
            value = best[done]
            while position <= size:
                if value > tree_value[position]:
                    tree_value[position] = value
                    tree_index[position] = done
                position += position & -position
            pending += 1
        position = span.new_lo  # prefix of new ends < new_lo, 1-based
        value, index = 0.0, -1
        while position > 0:
            if tree_value[position] > value:
                value, index = tree_value[position], tree_index[position]
            position -= position & -position
        best[k] = value + span.weight
        previous[k] = index
    last = max(range(count), key=lambda k: (best[k], -k))
    chain = []
    while last != -1:
        chain.append(last)
        last = previous[last]
    chain.reverse()
    return chain


def pair_in_order(old_keys: Sequence[str], new_keys: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of equal keys; repeats pair in order of appearance."""
    positions: dict[str, list[int]] = {}
    for j, key in enumerate(new_keys):
        positions.setdefault(key, []).append(j)
    taken: dict[str, int] = {}
    pairs = []
    for i, key in enumerate(old_keys):
        candidates = positions.get(key)
        if candidates is None:
            continue
        used = taken.get(key, 0)
        if used < len(candidates):
            pairs.append((i, candidates[used]))
            taken[key] = used + 1
    return pairs
