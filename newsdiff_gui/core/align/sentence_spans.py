"""Which sentences of two texts go together, in a row aligned sentence by sentence.

Equal sentences pair first, then similar ones, on the heaviest chain (the same
backbone as paragraphs). A pair is one old sentence and one new sentence; an
editor who splits "They are fast, efficient and cheap, they claim." into "They are
fast. Efficient and cheap, they claim." leaves one half paired with the old
sentence and the other unpaired: shown inserted, while the old sentence's own
words show deleted — words that still stand, shown gone. So a pair of different
sentences is grown over its unpaired neighbours (either side, before or after)
while that makes the two runs more alike, two neighbouring pairs that a moved
sentence end cut apart are joined, and the tokens compare each span word by word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz.distance import LCSseq

from newsdiff_gui.core.align.batch_codes import MAX_PAIRS, encode_pairs
from newsdiff_gui.core.align.chain import Span as ChainSpan
from newsdiff_gui.core.align.chain import heaviest_chain, pair_in_order
from newsdiff_gui.core.align.matrix import diagonal_blocks, similar_pairs
from newsdiff_gui.core.align.model import AlignOptions
from newsdiff_gui.core.align.sentences import text_words
from newsdiff_gui.core.align.text import casefolded_words

# A span: old sentences [i0, i1) against new sentences [j0, j1).
Span = tuple[int, int, int, int]
Similarity = Callable[[str, str], float]

# A split or joined sentence is two or three sentences, rarely more; a bound on
# the work a long run of unpaired sentences could cause.
_MAX_GROWN = 4
# Growing must make the runs clearly more alike, not merely as alike.
_MIN_GAIN = 0.05
# A sentence this long found word for word in the other run is that sentence,
# not a few common words met by chance.
_MIN_STANDING_WORDS = 4
_MAX_PLACES_TRIED = 64
# Fuzzy candidates kept per old sentence (templated prose repeats sentences
# that all look alike; the chain needs only the best few).
_MAX_SENTENCE_CANDIDATES = 4


def sentence_spans(
    old_sentences: list[str], new_sentences: list[str], options: AlignOptions
) -> list[Span]:
    """The sentences of two texts that go together, in order: equal sentences,
    then similar ones (the heaviest chain of pairs), each pair of different
    sentences grown over the parts its counterpart was split into or joined with."""
    spans: list[ChainSpan] = []
    pairs: list[tuple[int, int]] = []
    # Equal sentences pair in order of appearance (repeats pair first with first).
    exact = pair_in_order([s.rstrip() for s in old_sentences], [s.rstrip() for s in new_sentences])
    for i, j in exact:
        pairs.append((i, j))
        spans.append(ChainSpan(i, i, j, j, 1.0 + len(casefolded_words(old_sentences[i]))))
    old_left = sorted(set(range(len(old_sentences))).difference(i for i, _ in exact))
    new_left = sorted(set(range(len(new_sentences))).difference(j for _, j in exact))
    # (Sentences left on one side only have nothing to be compared with: a
    # row whose other sentences moved or stayed verbatim needs no codes.)
    old_codes, new_codes = (
        _left_codes(old_sentences, new_sentences, old_left, new_left)
        if old_left and new_left
        else ([], [])
    )
    # Work cap: a huge unit compares sentences only within diagonal blocks.
    for old_block, new_block in diagonal_blocks(
        len(old_codes), len(new_codes), options.max_matrix_cells
    ):
        found = similar_pairs(
            old_codes[old_block.start : old_block.stop],
            new_codes[new_block.start : new_block.stop],
            options.pair_min_similarity,
            options.workers,
        )
        found.sort(key=lambda f: (f[0], -f[2], f[1]))
        kept: dict[int, int] = {}
        for a, b, ratio in found:
            if kept.get(a, 0) >= _MAX_SENTENCE_CANDIDATES:
                continue
            kept[a] = kept.get(a, 0) + 1
            i, j = old_left[old_block.start + a], new_left[new_block.start + b]
            pairs.append((i, j))
            spans.append(ChainSpan(i, i, j, j, ratio * len(old_codes[old_block.start + a])))
    chain = [pairs[k] for k in heaviest_chain(spans, len(new_sentences))]
    grown = grown_spans(chain, old_sentences, new_sentences, word_similarity)
    return take_in_standing_runs(grown, old_sentences, new_sentences)


def grown_spans(
    pairs: Sequence[tuple[int, int]],
    old: Sequence[str],
    new: Sequence[str],
    similarity: Similarity,
) -> list[Span]:
    """Each pair of the (ordered) sentence chain as a span, a pair of different
    sentences grown over the unpaired sentences beside it that its counterpart
    was split into or joined with. Spans stay in order and never overlap."""
    spans: list[Span] = []
    low_i = low_j = 0
    for k, (i, j) in enumerate(pairs):
        high_i, high_j = pairs[k + 1] if k + 1 < len(pairs) else (len(old), len(new))
        span = (i, i + 1, j, j + 1)
        if old[i].rstrip() != new[j].rstrip():
            span = _grow(span, (low_i, high_i, low_j, high_j), old, new, similarity)
            if spans and _joins(spans[-1], span, old, new, similarity):
                before = spans.pop()
                span = (before[0], span[1], before[2], span[3])
        spans.append(span)
        low_i, low_j = span[1], span[3]
    return spans


def take_in_standing_runs(
    spans: Sequence[Span], old: Sequence[str], new: Sequence[str]
) -> list[Span]:
    """`spans`, each taking in the unpaired sentences next to it that stand word for
    word inside its other side. A rewrite that lower-cased a sentence's first word
    ran it into the sentence before ("… by regulating sleep pattern and quality.
    revised can reduce …" is one sentence): the standing sentence pairs with
    nothing, a span away, and was shown deleted."""
    result: list[Span] = []
    at_i = at_j = 0
    for span in [*spans, (len(old), len(old), len(new), len(new))]:
        old_run, new_run = old[at_i : span[0]], new[at_j : span[2]]
        if old_run or new_run:
            if span[0] < len(old) and _stands_beside(old_run, new_run, span, old, new):
                span = (at_i, span[1], at_j, span[3])
            elif result and _stands_beside(old_run, new_run, result[-1], old, new):
                before = result.pop()
                result.append((before[0], span[0], before[2], span[2]))
        if span[0] < len(old) or span[2] < len(new):
            result.append(span)
        at_i, at_j = span[1], span[3]
    return result


def _stands_beside(
    old_run: Sequence[str],
    new_run: Sequence[str],
    span: Span,
    old: Sequence[str],
    new: Sequence[str],
) -> bool:
    return _stands_in(old_run, new[span[2] : span[3]]) or _stands_in(
        new_run, old[span[0] : span[1]]
    )


def _grow(
    span: Span, bounds: Span, old: Sequence[str], new: Sequence[str], similarity: Similarity
) -> Span:
    low_i, high_i, low_j, high_j = bounds
    best = similarity(_text(old, span[0], span[1]), _text(new, span[2], span[3]))
    while True:
        i0, i1, j0, j1 = span
        candidates = [
            candidate
            for candidate, allowed in (
                ((i0, i1 + 1, j0, j1), i1 < high_i and i1 - i0 < _MAX_GROWN),
                ((i0 - 1, i1, j0, j1), i0 > low_i and i1 - i0 < _MAX_GROWN),
                ((i0, i1, j0, j1 + 1), j1 < high_j and j1 - j0 < _MAX_GROWN),
                ((i0, i1, j0 - 1, j1), j0 > low_j and j1 - j0 < _MAX_GROWN),
            )
            if allowed
        ]
        scored = [
            (similarity(_text(old, c[0], c[1]), _text(new, c[2], c[3])), c) for c in candidates
        ]
        if not scored:
            return span
        score, candidate = max(scored)
        if score < best + _MIN_GAIN:
            return span
        best, span = score, candidate


def _joins(
    before: Span, after: Span, old: Sequence[str], new: Sequence[str], similarity: Similarity
) -> bool:
    """Whether two neighbouring spans of different sentences are one edit: a
    sentence end moved ("… top of our list. GM has pulled …, but requires …" ->
    "… top of our GM has pulled … . But requires …"), so each half paired with a
    part of the other. Together they read far more alike than apart."""
    if before[1] != after[0] or before[3] != after[2]:
        return False
    if (before[1] - before[0]) + (after[1] - after[0]) > 2 * _MAX_GROWN:
        return False
    if (before[3] - before[2]) + (after[3] - after[2]) > 2 * _MAX_GROWN:
        return False
    apart = [
        (
            similarity(_text(old, s[0], s[1]), _text(new, s[2], s[3])),
            _length(old, s) + _length(new, s, new_side=True),
        )
        for s in (before, after)
    ]
    weight = sum(size for _, size in apart) or 1
    mean = sum(score * size for score, size in apart) / weight
    together = similarity(_text(old, before[0], after[1]), _text(new, before[2], after[3]))
    return together >= mean + _MIN_GAIN


def _length(sentences: Sequence[str], span: Span, *, new_side: bool = False) -> int:
    start, stop = (span[2], span[3]) if new_side else (span[0], span[1])
    return len(_text(sentences, start, stop).split())


def _text(sentences: Sequence[str], start: int, stop: int) -> str:
    return "".join(sentences[start:stop])


def shares_a_sentence(old: Sequence[str], new: Sequence[str]) -> bool:
    """Whether a sentence of one unpaired run stands word for word inside the other
    (an edit that took its sentence end away joined it to its neighbour: "… IV.)
    Among his friends …" -> "… IV.) and among his friends …"). Shown as one run
    deleted and another inserted, it would be shown gone while it stands."""
    return _stands_in(old, new) or _stands_in(new, old)


def _stands_in(sentences: Sequence[str], other: Sequence[str]) -> bool:
    """Whether the words of one of `sentences` (`_MIN_STANDING_WORDS`+) stand, in a
    row, among the words of `other`. The other run's places are indexed by their
    first words, so two long unrelated runs (a rewritten page-long row) are read
    once, not once per sentence."""
    other_words = casefolded_words("".join(other))
    opening = _MIN_STANDING_WORDS
    places: dict[tuple[str, ...], list[int]] = {}
    for at in range(len(other_words) - opening + 1):
        places.setdefault(other_words[at : at + opening], []).append(at)
    for sentence in sentences:
        words = casefolded_words(sentence)
        if len(words) < opening:
            continue
        # (A bound on hostile text that repeats one opening everywhere.)
        for at in places.get(words[:opening], [])[:_MAX_PLACES_TRIED]:
            if other_words[at : at + len(words)] == words:
                return True
    return False


def _left_codes(
    old_sentences: list[str], new_sentences: list[str], old_left: list[int], new_left: list[int]
) -> tuple[list[str], list[str]]:
    """Word-pair codes of the sentences exact matching left over (most of a regrouped
    row's sentences match exactly and need none). Codes only say which word pairs
    are equal, so coding a subset compares as coding all does, unless so many
    distinct pairs that codes would wrap around: then all are coded, as before."""
    texts = [old_sentences[i] for i in old_left] + [new_sentences[j] for j in new_left]
    if _may_exceed_pairs([*old_sentences, *new_sentences]):
        codes = encode_pairs([*old_sentences, *new_sentences])
        texts_codes = [codes[i] for i in old_left] + [
            codes[len(old_sentences) + j] for j in new_left
        ]
    else:
        texts_codes = encode_pairs(texts)
    return texts_codes[: len(old_left)], texts_codes[len(old_left) :]


def _may_exceed_pairs(texts: list[str]) -> bool:
    """Whether the texts hold more words than `MAX_PAIRS`. Casefolding turns a
    character into at most three, so texts of a third as many characters cannot
    (nearly always: their words need not be read)."""
    if 3 * sum(map(len, texts)) <= MAX_PAIRS:
        return False
    return sum(len(casefolded_words(text)) for text in texts) > MAX_PAIRS


def word_similarity(old: str, new: str) -> float:
    """Word-pair similarity of two texts (see text.WordPairCoder), in [0, 1]: the
    LCS of their word pairs, 2·LCS / (|a| + |b|).

    rapidfuzz compares the word pairs themselves (it hashes each, as `_chunks`
    has it hash words), so no codes are made: coding the pairs of a regrouped
    row's two texts cost three times the comparison."""
    old_pairs, new_pairs = _word_pairs(old), _word_pairs(new)
    if not old_pairs and not new_pairs:
        return 1.0
    return 2.0 * LCSseq.similarity(old_pairs, new_pairs) / (len(old_pairs) + len(new_pairs))


def _word_pairs(text: str) -> list[tuple[str, str]]:
    """Each casefolded word with the word before it (the first with a start
    mark), as `WordPairCoder` pairs them (a row's words, read from its
    paragraphs' sentences as pairing read them)."""
    words = text_words(text)
    return list(zip(["\x00", *words], words, strict=False))
