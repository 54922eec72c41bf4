"""Which old paragraphs became which new ones.

Order of work (cheap and certain first, so the costly steps see few paragraphs):

1. Exact: equal cleaned texts pair up (duplicates in order of appearance).
   On a lightly edited article this settles nearly every paragraph.
2. Minor: equal word codes (only punctuation, quote/dash style, case differ).
3. Shared text of the rest: one `cdist` over word-pair codes gives the LCS of
   every leftover pair; numpy keeps only cells that could matter.
4. Splits and merges (groups.py): a new paragraph that owes most of its
   words to one old paragraph is a part of it; two or more parts that match
   their whole better together than alone make a split (merges: the mirror
   image), so no paragraph whose sentences stand verbatim in the other
   version is left as added/removed.
5. Edited pairs: the rest with enough shared text (thresholds.py), or sharing
   a whole sentence verbatim (a rewritten lede that kept a sentence); short
   paragraphs (headings, captions) by single-word similarity. If few
   paragraphs have a candidate by the rules above (a wire swap: another
   agency's copy shares topic words, not text), the single-word rule is
   dropped and step 7 skipped: no lower bar invents pairs there.
6. The backbone (chain.py): the heaviest in-order chain over all of the
   above stays in place; matches off the chain are moves, assigned greedily by
   similarity among the paragraphs still free. An exact or minor match weighs 1,
   a fuzzy pair of mutual best partners 0.999: among unambiguous pairings the
   chain keeps the most paragraphs in place, so the fewest move. Any other
   fuzzy candidate weighs similarity², so a chain of two weak pairings never
   beats one strong pairing plus a move.
7. The lower bar (sandwich.py): an unpaired old and an unpaired new paragraph
   in the same gap of the backbone pair when they share the paragraph's facts
   (a status item cut to one clause with its figure updated, a renumbered
   heading).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import process
from rapidfuzz.distance import Indel

from newsdiff_gui.core.align.batch_codes import encode_pairs_and_words, encode_words
from newsdiff_gui.core.align.chain import Span, heaviest_chain, pair_in_order
from newsdiff_gui.core.align.groups import Grouper
from newsdiff_gui.core.align.leftovers import Leftovers, Match, exact_match, similarity_of
from newsdiff_gui.core.align.matrix import Reads, diagonal_blocks, lcs_matrix
from newsdiff_gui.core.align.model import AlignOptions
from newsdiff_gui.core.align.sandwich import is_wire_swap, sandwiched_pairs
from newsdiff_gui.core.align.sentences import text_words

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


@dataclass(slots=True)
class _Fuzzy:
    old: int
    new: int
    shared: int
    similarity: float


def _fuzzy_candidates(
    left: Leftovers, matrix: NDArray[np.int32], options: AlignOptions
) -> list[_Fuzzy]:
    """Pairs with enough shared text to be one edited paragraph."""
    if matrix.size == 0:
        return []
    old_len = np.array([len(c) for c in left.old_codes], dtype=np.int32)[:, None]
    new_len = np.array([len(c) for c in left.new_codes], dtype=np.int32)[None, :]
    # Short paragraphs are judged on single words (`_short_pairs`), not by
    # word-pair similarity; containment holds for all.
    long_enough = np.minimum(old_len, new_len) >= options.short_text_words
    enough = (long_enough & (2 * matrix >= options.pair_min_similarity * (old_len + new_len))) | (
        (matrix >= options.shared_min_words)
        & (matrix >= options.pair_min_containment * np.minimum(old_len, new_len))
    )
    rows, columns = np.nonzero(enough & (matrix > 0))
    pairs = list(zip(rows.tolist(), columns.tolist(), strict=True))
    # Pairs below both rules but sharing enough word pairs to hold a whole
    # sentence: paired if they do share one verbatim.
    maybe_rows, maybe_columns = np.nonzero(
        long_enough & ~enough & (matrix >= options.sentence_min_words - 1)
    )
    for a, b in zip(
        maybe_rows.tolist()[:_MAX_SENTENCE_CHECKS], maybe_columns.tolist(), strict=False
    ):
        if left.share_a_sentence(a, b, options.sentence_min_words):
            pairs.append((a, b))
    found = []
    for a, b in pairs:
        shared = int(matrix[a, b])
        similarity = similarity_of(shared, len(left.old_codes[a]), len(left.new_codes[b]))
        found.append(_Fuzzy(a, b, shared, similarity))
    found += _short_pairs(left, options)
    # Keep the best few per old paragraph (ties: the nearest in position).
    found.sort(key=lambda f: (f.old, -f.similarity, abs(f.new - f.old)))
    kept: list[_Fuzzy] = []
    per_old: dict[int, int] = {}
    for f in found:
        if per_old.get(f.old, 0) < MAX_CANDIDATES_PER_PARAGRAPH:
            per_old[f.old] = per_old.get(f.old, 0) + 1
            kept.append(f)
    return kept


def _reads(left: Leftovers, options: AlignOptions) -> Reads:
    """The cells of the LCS matrix `_fuzzy_candidates` compares with a threshold,
    by an upper bound of their LCS (`Grouper` reads only the largest cell of
    each row and column: `lcs_matrix` keeps those exact)."""
    old_len = np.array([len(c) for c in left.old_codes], dtype=np.int64)
    new_len = np.array([len(c) for c in left.new_codes], dtype=np.int64)

    def reads(
        rows: NDArray[np.int64], columns: NDArray[np.int64], bound: NDArray[np.int64]
    ) -> NDArray[np.bool_]:
        # `_fuzzy_candidates`'s rules, each met by larger values only.
        lengths = old_len[rows] + new_len[columns]
        shorter = np.minimum(old_len[rows], new_len[columns])
        long_enough = shorter >= options.short_text_words
        return (
            long_enough
            & (
                (2 * bound >= options.pair_min_similarity * lengths)
                | (bound >= options.sentence_min_words - 1)
            )
        ) | (
            (bound >= options.shared_min_words) & (bound >= options.pair_min_containment * shorter)
        )

    return reads


def _short_pairs(left: Leftovers, options: AlignOptions) -> list[_Fuzzy]:
    """Pairs with a paragraph under `short_text_words` words, by single-word similarity."""
    short, cutoff = options.short_text_words, options.short_pair_min_similarity
    # A partner more than this long cannot reach the cutoff with a short text.
    longest = math.ceil(short * (2 / cutoff - 1)) if cutoff > 0 else 1 << 30
    old_ids = [a for a, code in enumerate(left.old_codes) if len(code) <= longest]
    new_ids = [b for b, code in enumerate(left.new_codes) if len(code) <= longest]
    if not any(len(left.old_codes[a]) < short for a in old_ids) and not any(
        len(left.new_codes[b]) < short for b in new_ids
    ):
        return []
    if left.old_words is not None and left.new_words is not None:
        old_words = [left.old_words[a] for a in old_ids]
        new_words = [left.new_words[b] for b in new_ids]
    else:
        coded = encode_words(
            [
                *(left.old_texts[left.old[a]] for a in old_ids),
                *(left.new_texts[left.new[b]] for b in new_ids),
            ]
        )
        old_words, new_words = coded[: len(old_ids)], coded[len(old_ids) :]
    matrix = process.cdist(
        old_words,
        new_words,
        scorer=Indel.normalized_similarity,
        score_cutoff=cutoff,
        dtype=np.float32,
        workers=1,
    )
    found = []
    for x, y in zip(*(index.tolist() for index in np.nonzero(matrix)), strict=True):
        a, b = old_ids[x], new_ids[y]
        if min(len(left.old_codes[a]), len(left.new_codes[b])) < short:
            found.append(_Fuzzy(a, b, 0, float(matrix[x, y])))
    return found


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


class SpanOwner(Enum):
    """What a backbone span stands for (`_Candidates.spans` keeps one per span)."""

    RUN = "run"  # a run of consecutive exact pairs (index: its first exact pair)
    MINOR = "minor"  # one minor pair (index into `minor`)
    GROUP = "group"  # one split or merge (index into `groups`)
    FUZZY = "fuzzy"  # one edited pair (index into `fuzzy`)


@dataclass(slots=True)
class _Candidates:
    """Everything that may pair, before the backbone chooses what stays in place."""

    exact: list[tuple[int, int]]  # sorted by old index
    minor: list[tuple[int, int]]
    groups: list[Match] = field(default_factory=list)
    fuzzy: list[tuple[int, int, float]] = field(default_factory=list)  # (old, new, similarity)
    # Fuzzy pairs by the single-word rule of short paragraphs (a lower bar).
    short: set[int] = field(default_factory=set)  # indices into `fuzzy`

    def own_text_share(self, old_count: int, new_count: int) -> bool:
        """Whether the versions look like a wire swap: few candidates by the ordinary rules."""
        old = {i for i, _ in self.exact} | {i for i, _ in self.minor}
        new = {j for _, j in self.exact} | {j for _, j in self.minor}
        old.update(i for g in self.groups for i in g.old)
        new.update(j for g in self.groups for j in g.new)
        strong = [f for k, f in enumerate(self.fuzzy) if k not in self.short]
        old.update(f[0] for f in strong)
        new.update(f[1] for f in strong)
        return is_wire_swap(len(old), len(new), old_count, new_count)


def pair_paragraphs(
    old_texts: Sequence[str], new_texts: Sequence[str], options: AlignOptions
) -> list[Match]:
    """Matches for every paragraph that has a counterpart; the rest are added/removed."""
    exact = sorted(pair_in_order(old_texts, new_texts))
    minor, old_left, new_left, codes = _minor_pairs(old_texts, new_texts, exact)
    candidates = _Candidates(exact, minor)
    for old_block, new_block in diagonal_blocks(
        len(old_left), len(new_left), options.max_matrix_cells
    ):
        left = Leftovers(
            [old_left[a] for a in old_block],
            [new_left[b] for b in new_block],
            codes.old[old_block.start : old_block.stop],
            codes.new[new_block.start : new_block.stop],
            old_texts,
            new_texts,
        )
        if codes.old_words is not None and codes.new_words is not None:
            left.old_words = codes.old_words[old_block.start : old_block.stop]
            left.new_words = codes.new_words[new_block.start : new_block.stop]
        _add_edited_candidates(candidates, left, options)
    # Another agency's copy shares topic words, not paragraphs: no lower bar for it.
    wire_swap = candidates.own_text_share(len(old_texts), len(new_texts))
    if wire_swap:
        fuzzy = candidates.fuzzy
        candidates.fuzzy = [f for k, f in enumerate(fuzzy) if k not in candidates.short]
    spans, owners = _backbone_spans(candidates, len(old_texts), len(new_texts))
    chain = heaviest_chain(spans, len(new_texts))
    matches = _matches(candidates, [(owners[k], spans[k]) for k in chain])
    if wire_swap:
        return matches
    paired_old = {i for m in matches for i in m.old}
    paired_new = {j for m in matches for j in m.new}
    backbone = [spans[k] for k in chain]
    return matches + sandwiched_pairs(
        old_texts, new_texts, backbone, paired_old, paired_new, options.short_text_words
    )


@dataclass(frozen=True, slots=True)
class _Codes:
    """Word-pair codes of the paragraphs left after exact and minor matching, and
    their single-word codes (None: not coded in one batch; see `encode_pairs_and_words`)."""

    old: list[str]
    new: list[str]
    old_words: list[str] | None
    new_words: list[str] | None


def _minor_pairs(
    old_texts: Sequence[str], new_texts: Sequence[str], exact: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[int], list[int], _Codes]:
    """Minor pairs, then the paragraphs still free on each side with their codes."""
    old_left = sorted(set(range(len(old_texts))).difference(i for i, _ in exact))
    new_left = sorted(set(range(len(new_texts))).difference(j for _, j in exact))
    coded, words = encode_pairs_and_words(
        [*(old_texts[i] for i in old_left), *(new_texts[j] for j in new_left)], text_words
    )
    old_coded, new_coded = coded[: len(old_left)], coded[len(old_left) :]
    # Equal codes: the same words, so only punctuation, quote/dash style or case
    # changed (the engine confirms `minor` with the stricter minor_key).
    minor = [(old_left[a], new_left[b]) for a, b in pair_in_order(old_coded, new_coded)]
    minor_old, minor_new = {i for i, _ in minor}, {j for _, j in minor}
    old_keep = [a for a, i in enumerate(old_left) if i not in minor_old]
    new_keep = [b for b, j in enumerate(new_left) if j not in minor_new]
    codes = _Codes(
        [old_coded[a] for a in old_keep],
        [new_coded[b] for b in new_keep],
        None if words is None else [words[a] for a in old_keep],
        None if words is None else [words[len(old_left) + b] for b in new_keep],
    )
    return minor, [old_left[a] for a in old_keep], [new_left[b] for b in new_keep], codes


def _add_edited_candidates(candidates: _Candidates, left: Leftovers, options: AlignOptions) -> None:
    """Splits/merges and fuzzy pairs among one block of leftovers (grouped ones excluded)."""
    matrix = lcs_matrix(left.old_codes, left.new_codes, options.workers, _reads(left, options))
    block_groups = Grouper(left, matrix, options).groups()
    grouped_old = {i for g in block_groups for i in g.old}
    grouped_new = {j for g in block_groups for j in g.new}
    candidates.groups += block_groups
    for f in _fuzzy_candidates(left, matrix, options):
        i, j = left.old[f.old], left.new[f.new]
        if i not in grouped_old and j not in grouped_new:
            if f.shared == 0:  # found by `_short_pairs`
                candidates.short.add(len(candidates.fuzzy))
            candidates.fuzzy.append((i, j, f.similarity))


def _backbone_spans(
    candidates: _Candidates, old_count: int, new_count: int
) -> tuple[list[Span], list[tuple[SpanOwner, int]]]:
    """The backbone's spans over every candidate: exact runs, minor pairs, groups, fuzzy pairs."""
    spans: list[Span] = []
    owners: list[tuple[SpanOwner, int]] = []
    exact = candidates.exact
    run_start = 0
    for k in range(1, len(exact) + 1):
        if (
            k < len(exact)
            and exact[k][0] == exact[k - 1][0] + 1
            and exact[k][1] == exact[k - 1][1] + 1
        ):
            continue
        (i0, j0), (i1, j1) = exact[run_start], exact[k - 1]
        spans.append(Span(i0, i1, j0, j1, float(k - run_start)))
        owners.append((SpanOwner.RUN, run_start))
        run_start = k
    for index, (i, j) in enumerate(candidates.minor):
        spans.append(Span(i, i, j, j, 1.0))
        owners.append((SpanOwner.MINOR, index))
    for index, group in enumerate(candidates.groups):
        size = len(group.old) + len(group.new) - 1
        spans.append(
            Span(min(group.old), max(group.old), min(group.new), max(group.new), float(size))
        )
        owners.append((SpanOwner.GROUP, index))
    mutual = _mutual_best(candidates.fuzzy, old_count, new_count)
    for index, (i, j, similarity) in enumerate(candidates.fuzzy):
        weight = MUTUAL_BEST_WEIGHT if index in mutual else similarity**2
        spans.append(Span(i, i, j, j, weight))
        owners.append((SpanOwner.FUZZY, index))
    return spans, owners


def _matches(
    candidates: _Candidates, chain: list[tuple[tuple[SpanOwner, int], Span]]
) -> list[Match]:
    """Groups, the chain's pairs in place, every exact/minor pair, then moves among the rest."""
    matches: list[Match] = [*candidates.groups]
    in_chain_exact: set[int] = set()
    in_chain_minor: set[int] = set()
    used_old = {i for g in candidates.groups for i in g.old}
    used_new = {j for g in candidates.groups for j in g.new}
    for (owner, index), span in chain:
        if owner is SpanOwner.RUN:
            in_chain_exact.update(range(index, index + span.old_hi - span.old_lo + 1))
        elif owner is SpanOwner.MINOR:
            in_chain_minor.add(index)
        elif owner is SpanOwner.FUZZY:
            i, j, similarity = candidates.fuzzy[index]
            matches.append(Match((i,), (j,), similarity))
            used_old.add(i)
            used_new.add(j)
    for index, (i, j) in enumerate(candidates.exact):
        matches.append(exact_match(i, j, index in in_chain_exact))
        used_old.add(i)
        used_new.add(j)
    for index, (i, j) in enumerate(candidates.minor):
        matches.append(Match((i,), (j,), 1.0, in_place=index in in_chain_minor))
        used_old.add(i)
        used_new.add(j)
    # Off the backbone: moves, the most similar first.
    for i, j, similarity in sorted(candidates.fuzzy, key=lambda f: (-f[2], f[0], f[1])):
        if i not in used_old and j not in used_new:
            matches.append(Match((i,), (j,), similarity, in_place=False))
            used_old.add(i)
            used_new.add(j)
    return matches
