"""Which old paragraphs became which new ones.

Order of work (cheap and certain first, so the costly steps see few paragraphs):

1. Exact: equal cleaned texts pair up (duplicates in order of appearance).
   On a lightly edited article this settles nearly every paragraph.
2. Minor: equal word codes (only punctuation, quote/dash style, case differ).
3. Shared text of the rest: one `cdist` over word-pair codes gives the LCS of
   every leftover pair; numpy keeps only cells that could matter.
4. Splits and merges: a new paragraph that owes most of its words to one old
   paragraph is a part of it; an old paragraph with two or more parts is a
   split when the parts, concatenated in the order their text appears in it,
   match it clearly better than any single part does (merges: the mirror image).
   Parts need not be neighbours, so a rewrite gathering sentences from far
   away still reads as a merge, and no paragraph whose sentences stand
   verbatim in the other version is left as added/removed.
5. Edited pairs: the rest with enough shared text (thresholds.py), or sharing
   a whole sentence verbatim (a rewritten lede that kept a sentence).
6. The backbone (chain.py): the heaviest in-order chain over all of the
   above stays in place; matches off the chain are moves, assigned greedily by
   similarity among the paragraphs still free. An exact or minor match weighs 1,
   a fuzzy pair of mutual best partners 0.999: among unambiguous pairings the
   chain keeps the most paragraphs in place, so the fewest move. Any other
   fuzzy candidate weighs similarity², so a chain of two weak pairings never
   beats one strong pairing plus a move.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import Indel, LCSseq

from newsdiff_gui.core.align.chain import Span, heaviest_chain, pair_in_order
from newsdiff_gui.core.align.matrix import diagonal_blocks, lcs_matrix
from newsdiff_gui.core.align.model import AlignOptions
from newsdiff_gui.core.align.text import WordPairCoder, sentence_keys

# A split/merge must match its whole better than its best single part does, by
# at least this much (similarity points). Parts are already texts that owe most
# of their words to the whole (PART_MIN_CONTAINMENT), so any real gain means the
# group explains text a single pairing would show as added/removed; the small
# margin only keeps rounding noise from creating groups.
GROUP_MIN_GAIN = 0.02
# A part may also be a new paragraph holding at least this share of the old
# paragraph's words: an old paragraph whose sentences were spread over several
# new paragraphs, each with new text around them.
PART_MIN_SHARE_OF_WHOLE = 0.3
# A fuzzy pair of mutual best partners counts almost as much as an exact match
# in the backbone: the count of paragraphs kept in place decides, and on a tie
# the edited paragraph is the one called moved (the paragraph an editor touched
# is the likelier one to have been moved).
MUTUAL_BEST_WEIGHT = 0.999
# Fuzzy candidates kept per paragraph for the backbone: near-identical
# template paragraphs ("Photo: …") would otherwise feed it n² edges.
MAX_CANDIDATES_PER_PARAGRAPH = 8
# Work cap on pairs checked for a shared sentence (each check splits sentences
# once per paragraph, cached): bounds a huge same-topic wire swap.
_MAX_SENTENCE_CHECKS = 20_000


@dataclass(frozen=True, slots=True)
class Match:
    """Paragraphs paired by the aligner (kinds are decided by the caller)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    exact: bool = False
    in_place: bool = True


@dataclass(slots=True)
class _Fuzzy:
    old: int
    new: int
    shared: int
    similarity: float


class _Leftovers:
    """Paragraphs not settled by exact/minor matching, with their codes."""

    def __init__(
        self,
        old: list[int],
        new: list[int],
        old_codes: list[str],
        new_codes: list[str],
        old_texts: Sequence[str],
        new_texts: Sequence[str],
    ) -> None:
        self.old, self.new = old, new
        self.old_codes, self.new_codes = old_codes, new_codes
        self.old_texts, self.new_texts = old_texts, new_texts
        self._old_sentences: dict[int, set[tuple[str, ...]]] = {}
        self._new_sentences: dict[int, set[tuple[str, ...]]] = {}

    def share_a_sentence(self, a: int, b: int, min_words: int) -> bool:
        old = self._old_sentences.get(a)
        if old is None:
            old = self._old_sentences[a] = sentence_keys(self.old_texts[self.old[a]], min_words)
        if not old:
            return False
        new = self._new_sentences.get(b)
        if new is None:
            new = self._new_sentences[b] = sentence_keys(self.new_texts[self.new[b]], min_words)
        return not old.isdisjoint(new)


# Word pairs per lookup window: four consecutive word pairs (five words).
_WINDOW = 4


class _Positions:
    """Where parts' text sits in a whole, to list a group's parts in text order.

    A part's windows that occur exactly once in the whole say where it came
    from (the median of their offsets, so a few edited words do not matter);
    only when none does is the part aligned with the whole (within the work
    cap) and placed by its longest shared run.
    """

    def __init__(self, whole: str, aligned: bool) -> None:
        self.whole, self.aligned = whole, aligned
        self._windows: dict[str, int] | None = None

    def of(self, part: str) -> float:
        found = self._by_windows(part)
        if found is not None:
            return found
        if not self.aligned:
            return math.inf
        best: tuple[int, int] | None = None
        for op in Indel.opcodes(self.whole, part):
            if op.tag == "equal" and (best is None or op.src_end - op.src_start > best[0]):
                best = (op.src_end - op.src_start, op.src_start - op.dest_start)
        return float(best[1]) if best else math.inf

    def _by_windows(self, part: str) -> float | None:
        if self._windows is None:
            windows: dict[str, int] = {}
            whole = self.whole
            for start in range(len(whole) - _WINDOW + 1):
                key = whole[start : start + _WINDOW]
                windows[key] = -1 if key in windows else start  # -1: not unique
            self._windows = windows
        if len(part) < _WINDOW:
            at = self.whole.find(part) if part else -1
            return float(at) if at >= 0 else None
        offsets = []
        for start in range(len(part) - _WINDOW + 1):
            at = self._windows.get(part[start : start + _WINDOW], -1)
            if at >= 0:
                offsets.append(at - start)
        if not offsets:
            return None
        offsets.sort()
        return float(offsets[len(offsets) // 2])


def _similarity(shared: int, a: int, b: int) -> float:
    return 2.0 * shared / (a + b) if a + b else 1.0


class _Grouper:
    """Finds splits (one old → parts) and merges (sources → one new)."""

    def __init__(self, left: _Leftovers, matrix: NDArray[np.int32], options: AlignOptions):
        self.left, self.matrix, self.options = left, matrix, options
        self.old_len = np.array([len(c) for c in left.old_codes], dtype=np.int32)
        self.new_len = np.array([len(c) for c in left.new_codes], dtype=np.int32)

    def _parts(self, transpose: bool) -> dict[int, list[int]]:
        """whole → parts, by leftover position (split: whole is old; merge: new)."""
        matrix = self.matrix.T if transpose else self.matrix
        whole_len, part_len = (
            (self.new_len, self.old_len) if transpose else (self.old_len, self.new_len)
        )
        if matrix.size == 0:
            return {}
        best_whole = matrix.argmax(axis=0)
        best = matrix[best_whole, np.arange(matrix.shape[1])]
        wl = whole_len[best_whole]
        # A part shares at least two word pairs with its whole, or all of its one
        # or two (a split that left "9." of "9. Research your options").
        is_part = (
            (best >= np.minimum(2, part_len))
            & (best >= 1)
            & (
                (best >= self.options.part_min_containment * part_len)
                | ((best >= self.options.shared_min_words) & (best >= PART_MIN_SHARE_OF_WHOLE * wl))
            )
        )
        groups: dict[int, list[int]] = {}
        for part in np.nonzero(is_part)[0].tolist():
            groups.setdefault(int(best_whole[part]), []).append(part)
        return {whole: parts for whole, parts in groups.items() if len(parts) >= 2}

    def _verify(
        self, whole_code: str, part_codes: list[str], singles: list[int]
    ) -> tuple[list[int], float] | None:
        cap = self.options.max_word_diff_cells
        # Work cap over all parts: aligning each part with the whole costs
        # |whole| × |part| cells.
        positions = _Positions(whole_code, len(whole_code) * sum(map(len, part_codes)) <= cap)
        order = sorted(range(len(part_codes)), key=lambda k: (positions.of(part_codes[k]), k))
        joined = "".join(part_codes[k] for k in order)
        if len(whole_code) * len(joined) <= cap:
            shared = LCSseq.similarity(whole_code, joined)
        else:  # work cap: the parts' own shared text, an upper bound of the group's
            shared = min(sum(singles), len(whole_code), len(joined))
        similarity = _similarity(shared, len(whole_code), len(joined))
        best_single = max(
            _similarity(s, len(whole_code), len(c))
            for s, c in zip(singles, part_codes, strict=True)
        )
        if similarity < self.options.pair_min_similarity or (
            similarity < best_single + GROUP_MIN_GAIN
        ):
            return None
        return order, similarity

    def groups(self) -> list[Match]:
        left, options = self.left, self.options
        candidates: list[tuple[int, bool, int, list[int]]] = []
        for transpose in (False, True):
            for whole, parts in self._parts(transpose).items():
                parts = sorted(parts)[: options.max_group_size]
                shared = sum(
                    int(self.matrix[p, whole] if transpose else self.matrix[whole, p])
                    for p in parts
                )
                candidates.append((shared, transpose, whole, parts))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        used_old: set[int] = set()
        used_new: set[int] = set()
        found: list[Match] = []
        for _, transpose, whole, parts in candidates:
            used_whole, used_parts = (used_new, used_old) if transpose else (used_old, used_new)
            if whole in used_whole:
                continue
            parts = [p for p in parts if p not in used_parts]
            if len(parts) < 2:
                continue
            whole_code = (left.new_codes if transpose else left.old_codes)[whole]
            part_codes = [(left.old_codes if transpose else left.new_codes)[p] for p in parts]
            singles = [
                int(self.matrix[p, whole] if transpose else self.matrix[whole, p]) for p in parts
            ]
            verified = self._verify(whole_code, part_codes, singles)
            if verified is None:
                continue
            order, similarity = verified
            used_whole.add(whole)
            used_parts.update(parts)
            ordered = tuple(parts[k] for k in order)
            if transpose:
                old = tuple(left.old[p] for p in ordered)
                new: tuple[int, ...] = (left.new[whole],)
            else:
                old = (left.old[whole],)
                new = tuple(left.new[p] for p in ordered)
            found.append(Match(old, new, similarity))
        return found


def _fuzzy_candidates(
    left: _Leftovers, matrix: NDArray[np.int32], options: AlignOptions
) -> list[_Fuzzy]:
    """Pairs with enough shared text to be one edited paragraph."""
    if matrix.size == 0:
        return []
    old_len = np.array([len(c) for c in left.old_codes], dtype=np.int32)[:, None]
    new_len = np.array([len(c) for c in left.new_codes], dtype=np.int32)[None, :]
    enough = (2 * matrix >= options.pair_min_similarity * (old_len + new_len)) | (
        (matrix >= options.shared_min_words)
        & (matrix >= options.pair_min_containment * np.minimum(old_len, new_len))
    )
    rows, columns = np.nonzero(enough & (matrix > 0))
    pairs = list(zip(rows.tolist(), columns.tolist(), strict=True))
    # Pairs below both rules but sharing enough word pairs to hold a whole
    # sentence: paired if they do share one verbatim.
    maybe_rows, maybe_columns = np.nonzero(~enough & (matrix >= options.sentence_min_words - 1))
    for a, b in zip(
        maybe_rows.tolist()[:_MAX_SENTENCE_CHECKS], maybe_columns.tolist(), strict=False
    ):
        if left.share_a_sentence(a, b, options.sentence_min_words):
            pairs.append((a, b))
    found = []
    for a, b in pairs:
        shared = int(matrix[a, b])
        similarity = _similarity(shared, len(left.old_codes[a]), len(left.new_codes[b]))
        found.append(_Fuzzy(a, b, shared, similarity))
    # Keep the best few per old paragraph (ties: the nearest in position).
    found.sort(key=lambda f: (f.old, -f.similarity, abs(f.new - f.old)))
    kept: list[_Fuzzy] = []
    per_old: dict[int, int] = {}
    for f in found:
        if per_old.get(f.old, 0) < MAX_CANDIDATES_PER_PARAGRAPH:
            per_old[f.old] = per_old.get(f.old, 0) + 1
            kept.append(f)
    return kept


def _mutual_best(fuzzy: list[tuple[int, int, float]], old_count: int, new_count: int) -> set[int]:
    """Indices of candidates whose two paragraphs are each other's best partner."""
    best_of_old: dict[int, tuple[float, float, int]] = {}
    best_of_new: dict[int, tuple[float, float, int]] = {}
    for index, (i, j, similarity) in enumerate(fuzzy):
        # Ties go to the partner nearest in relative position.
        key = (similarity, -abs(i / max(old_count, 1) - j / max(new_count, 1)), index)
        if i not in best_of_old or key > best_of_old[i]:
            best_of_old[i] = key
        if j not in best_of_new or key > best_of_new[j]:
            best_of_new[j] = key
    return {
        index
        for index, (i, j, _) in enumerate(fuzzy)
        if best_of_old[i][2] == index and best_of_new[j][2] == index
    }


def pair_paragraphs(
    old_texts: Sequence[str], new_texts: Sequence[str], options: AlignOptions
) -> list[Match]:
    """Matches for every paragraph that has a counterpart; the rest are added/removed."""
    exact = pair_in_order(old_texts, new_texts)
    old_free = set(range(len(old_texts))).difference(i for i, _ in exact)
    new_free = set(range(len(new_texts))).difference(j for _, j in exact)
    old_left, new_left = sorted(old_free), sorted(new_free)
    coder = WordPairCoder()
    old_coded = [coder.encode(old_texts[i]) for i in old_left]
    new_coded = [coder.encode(new_texts[j]) for j in new_left]
    # Equal codes: the same words, so only punctuation, quote/dash style or case
    # changed (the engine confirms `minor` with the stricter minor_key).
    minor = [(old_left[a], new_left[b]) for a, b in pair_in_order(old_coded, new_coded)]
    minor_old, minor_new = {i for i, _ in minor}, {j for _, j in minor}
    old_codes = [c for i, c in zip(old_left, old_coded, strict=True) if i not in minor_old]
    new_codes = [c for j, c in zip(new_left, new_coded, strict=True) if j not in minor_new]
    old_left = [i for i in old_left if i not in minor_old]
    new_left = [j for j in new_left if j not in minor_new]
    groups: list[Match] = []
    fuzzy: list[tuple[int, int, float]] = []  # (old index, new index, similarity)
    for old_block, new_block in diagonal_blocks(
        len(old_left), len(new_left), options.max_matrix_cells
    ):
        left = _Leftovers(
            [old_left[a] for a in old_block],
            [new_left[b] for b in new_block],
            old_codes[old_block.start : old_block.stop],
            new_codes[new_block.start : new_block.stop],
            old_texts,
            new_texts,
        )
        matrix = lcs_matrix(left.old_codes, left.new_codes, options.workers)
        block_groups = _Grouper(left, matrix, options).groups()
        grouped_old = {i for g in block_groups for i in g.old}
        grouped_new = {j for g in block_groups for j in g.new}
        groups += block_groups
        fuzzy += [
            (left.old[f.old], left.new[f.new], f.similarity)
            for f in _fuzzy_candidates(left, matrix, options)
            if left.old[f.old] not in grouped_old and left.new[f.new] not in grouped_new
        ]
    grouped_old = {i for g in groups for i in g.old}
    grouped_new = {j for g in groups for j in g.new}

    # The backbone over every candidate: exact runs, minor pairs, groups, fuzzy pairs.
    spans: list[Span] = []
    owners: list[tuple[str, int]] = []
    exact_sorted = sorted(exact)
    run_start = 0
    for k in range(1, len(exact_sorted) + 1):
        if (
            k < len(exact_sorted)
            and exact_sorted[k][0] == exact_sorted[k - 1][0] + 1
            and exact_sorted[k][1] == exact_sorted[k - 1][1] + 1
        ):
            continue
        (i0, j0), (i1, j1) = exact_sorted[run_start], exact_sorted[k - 1]
        spans.append(Span(i0, i1, j0, j1, float(k - run_start)))
        owners.append(("run", run_start))
        run_start = k
    for index, (i, j) in enumerate(minor):
        spans.append(Span(i, i, j, j, 1.0))
        owners.append(("minor", index))
    for index, group in enumerate(groups):
        size = len(group.old) + len(group.new) - 1
        spans.append(
            Span(min(group.old), max(group.old), min(group.new), max(group.new), float(size))
        )
        owners.append(("group", index))
    mutual = _mutual_best(fuzzy, len(old_texts), len(new_texts))
    for index, (i, j, similarity) in enumerate(fuzzy):
        weight = MUTUAL_BEST_WEIGHT if index in mutual else similarity**2
        spans.append(Span(i, i, j, j, weight))
        owners.append(("fuzzy", index))
    chain = heaviest_chain(spans, len(new_texts))

    matches: list[Match] = [*groups]
    in_chain_exact: set[int] = set()
    in_chain_minor: set[int] = set()
    used_old: set[int] = set(grouped_old)
    used_new: set[int] = set(grouped_new)
    for k in chain:
        kind, index = owners[k]
        if kind == "run":
            span = spans[k]
            in_chain_exact.update(range(index, index + span.old_hi - span.old_lo + 1))
        elif kind == "minor":
            in_chain_minor.add(index)
        elif kind == "fuzzy":
            i, j, similarity = fuzzy[index]
            matches.append(Match((i,), (j,), similarity))
            used_old.add(i)
            used_new.add(j)
    for index, (i, j) in enumerate(exact_sorted):
        matches.append(Match((i,), (j,), 1.0, exact=True, in_place=index in in_chain_exact))
        used_old.add(i)
        used_new.add(j)
    for index, (i, j) in enumerate(minor):
        matches.append(Match((i,), (j,), 1.0, in_place=index in in_chain_minor))
        used_old.add(i)
        used_new.add(j)
    # Off the backbone: moves, the most similar first.
    for i, j, similarity in sorted(fuzzy, key=lambda f: (-f[2], f[0], f[1])):
        if i not in used_old and j not in used_new:
            matches.append(Match((i,), (j,), similarity, in_place=False))
            used_old.add(i)
            used_new.add(j)
    return matches
