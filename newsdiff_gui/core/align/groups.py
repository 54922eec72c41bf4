"""Splits and merges: one paragraph whose text now stands in several (or the reverse).

A new paragraph that owes most of its word pairs to one old paragraph (its
best source) is a part of it; an old paragraph with two or more parts is a
split when the parts, concatenated in the order their text appears in it,
match it better than any single part does. Merges are the mirror image. Parts
need not be neighbours, so a rewrite that gathers sentences from far away
still reads as a merge. Candidates are taken by shared text, largest first;
a paragraph joins at most one group.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import Indel, LCSseq

from newsdiff_gui.core.align.batch_codes import encode_words
from newsdiff_gui.core.align.leftovers import Leftovers, Match, similarity_of
from newsdiff_gui.core.align.model import AlignOptions

# A split/merge must match its whole better than its best single part does, by
# at least this much (similarity points). Parts are already texts that owe most
# of their words to the whole (PART_MIN_CONTAINMENT), so any real gain means the
# group explains text a single pairing would show as added/removed; the small
# margin only keeps rounding noise from creating groups.
GROUP_MIN_GAIN = 0.02
# Share of their word pairs the other parts of a group must add beyond its
# strongest part: one changed word inside a five-word part (a renumbered
# heading) still leaves half of its pairs.
PART_MIN_ADDED_SHARE = 0.5
# Share of the whole's word pairs a group must hold to count as a clean cut.
CLEAN_CUT_SHARE = 0.9
# A part may also be a new paragraph holding at least this share of the old
# paragraph's words: an old paragraph whose sentences were spread over several
# new paragraphs, each with new text around them.
PART_MIN_SHARE_OF_WHOLE = 0.3
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
        contained = self._contained(part)
        if contained is not None:
            return contained
        if self._windows is None:
            whole = self.whole
            keys = [whole[start : start + _WINDOW] for start in range(len(whole) - _WINDOW + 1)]
            # Each window's last offset (later ones overwrite), -1 where it repeats.
            windows = dict(zip(keys, range(len(keys)), strict=True))
            if len(windows) < len(keys):
                for key, count in Counter(keys).items():
                    if count > 1:
                        windows[key] = -1  # not unique
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

    def _contained(self, part: str) -> float | None:
        """`_by_windows`'s answer, without reading every window, for a part whose
        text (or all of it but its first word pair, the start mark's) stands in
        the whole as it is (most parts of a rewrite): all its windows that occur
        once in the whole then say the same offset. None: not so, or unsure."""
        whole = self.whole
        if len(part) <= _WINDOW:
            return None
        at = whole.find(part)
        skip = 0
        if at < 0:
            # Without its first word pair, whose window must then not stand
            # anywhere in the whole (it would say another offset).
            at = whole.find(part[1:])
            if at < 0 or part[:_WINDOW] in whole:
                return None
            skip = 1
        body = part[skip:]
        for start in range(len(body) - _WINDOW + 1):
            key = body[start : start + _WINDOW]
            if whole.find(key) == at + start and whole.find(key, at + start + 1) < 0:
                return float(at - skip)  # a window that occurs once: all agree
        return None  # (every window repeats: read them all)


class Grouper:
    """Finds splits (one old → parts) and merges (sources → one new)."""

    def __init__(self, left: Leftovers, matrix: NDArray[np.int32], options: AlignOptions):
        self.left, self.matrix, self.options = left, matrix, options
        self.old_len = np.array([len(c) for c in left.old_codes], dtype=np.int32)
        self.new_len = np.array([len(c) for c in left.new_codes], dtype=np.int32)
        # Relative positions in each document (0…1), for tie-breaks.
        self.old_at = np.array(left.old, dtype=np.float64) / max(1, max(left.old, default=0))
        self.new_at = np.array(left.new, dtype=np.float64) / max(1, max(left.new, default=0))

    def _parts(self, transpose: bool) -> dict[int, list[int]]:
        """whole → parts, by leftover position (split: whole is old; merge: new)."""
        matrix = self.matrix.T if transpose else self.matrix
        whole_len, part_len = (
            (self.new_len, self.old_len) if transpose else (self.old_len, self.new_len)
        )
        if matrix.size == 0:
            return {}
        # Each part's best source; among equal ones (a tagline that ends several
        # paragraphs), the nearest in relative position.
        best = matrix.max(axis=0)
        whole_at, part_at = (self.new_at, self.old_at) if transpose else (self.old_at, self.new_at)
        distance = np.abs(whole_at[:, None] - part_at[None, :])
        best_whole = np.where(matrix == best[None, :], distance, np.inf).argmin(axis=0)
        wl = whole_len[best_whole]
        # A part cut from the middle of its whole cannot share its first word
        # pair (the start mark and its first word), so containment is over the rest.
        owed = np.maximum(part_len - 1, 1)
        # A part shares at least two word pairs with its whole, or all it can of
        # a tiny part (a split that left "9." of "9. Research your options").
        is_part = (
            (best >= np.minimum(2, owed))
            & (best >= 1)
            & (
                (best >= self.options.part_min_containment * owed)
                | ((best >= self.options.shared_min_words) & (best >= PART_MIN_SHARE_OF_WHOLE * wl))
            )
        )
        self._short_parts(transpose, best_whole, is_part, distance)
        groups: dict[int, list[int]] = {}
        for part in np.nonzero(is_part)[0].tolist():
            groups.setdefault(int(best_whole[part]), []).append(part)
        return {whole: parts for whole, parts in groups.items() if len(parts) >= 2}

    def _short_parts(
        self,
        transpose: bool,
        best_whole: NDArray[np.intp],
        is_part: NDArray[np.bool_],
        distance: NDArray[np.float64],
    ) -> None:
        """Decide parts under `short_text_words` words on single words, in place.

        One changed word in a four-word heading breaks two of its three word
        pairs ("Step 2: Ask yourself" merged and renumbered "Step 4"), so short
        parts are matched word by word, like short paragraphs in pairing.
        """
        left, short = self.left, self.options.short_text_words
        whole_ids, part_ids, whole_texts, part_texts = (
            (left.new, left.old, left.new_texts, left.old_texts)
            if transpose
            else (left.old, left.new, left.old_texts, left.new_texts)
        )
        part_codes = left.old_codes if transpose else left.new_codes
        columns = [k for k, code in enumerate(part_codes) if 0 < len(code) < short]
        if not columns:
            return
        whole_words, part_words = (
            (left.new_words, left.old_words) if transpose else (left.old_words, left.new_words)
        )
        if whole_words is not None and part_words is not None:
            wholes, parts = whole_words, [part_words[k] for k in columns]
        else:
            coded = encode_words(
                [*(whole_texts[i] for i in whole_ids), *(part_texts[part_ids[k]] for k in columns)]
            )
            wholes, parts = coded[: len(whole_ids)], coded[len(whole_ids) :]
        shared = process.cdist(wholes, parts, scorer=LCSseq.similarity, dtype=np.int32, workers=1)
        best = shared.max(axis=0)
        nearest = np.where(shared == best[None, :], distance[:, columns], np.inf).argmin(axis=0)
        for n, k in enumerate(columns):
            # All of its words in order, or all but one for three or more: a
            # renumbered heading, not five common words scattered in a whole.
            size = len(parts[n])
            best_whole[k] = nearest[n]
            is_part[k] = best[n] >= (size if size <= 2 else size - 1)

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
        similarity = similarity_of(shared, len(whole_code), len(joined))
        best_single = max(
            similarity_of(s, len(whole_code), len(c))
            for s, c in zip(singles, part_codes, strict=True)
        )
        # Beyond a clear gain in similarity, two more ways to be a group:
        # * a clean cut — the parts are the whole, give or take their first word
        #   pairs, and every other part adds at least one word pair of its own
        #   ("3." cut off a long paragraph gains little similarity; a new
        #   heading whose words the edited whole already holds adds nothing);
        # * other parts that really add their text: beyond what the best part
        #   shares alone, at least PART_MIN_ADDED_SHARE of their word pairs ("Step
        #   2: Ask yourself" merged into a long paragraph that was also edited).
        owed = [max(len(c) - 1, 1) for c in part_codes]
        strongest = max(range(len(singles)), key=singles.__getitem__)
        others = sum(owed) - owed[strongest]
        added = shared - max(singles)
        clean_cut = added >= len(part_codes) - 1 and shared >= CLEAN_CUT_SHARE * max(
            len(whole_code), len(joined) - len(order)
        )
        contributes = added >= 2 and added >= PART_MIN_ADDED_SHARE * others
        if similarity < self.options.pair_min_similarity or (
            similarity < best_single + GROUP_MIN_GAIN and not clean_cut and not contributes
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
