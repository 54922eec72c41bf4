"""Word-pair codes of many texts at once (numpy), equal in meaning to `WordPairCoder`.

Pairing codes every paragraph exact matching left over (all of them on a wire
swap: ~25,000 words on a 300-paragraph page), and a Python loop over the word
pairs of each text cost more than the comparisons that follow. Here the words
of all texts become ids in one pass, the pairs become integers, and numpy gives
every distinct pair its code. Codes mean what a fresh `WordPairCoder`'s codes
mean for the same texts: the same word pair ⇔ the same character (the numbers
themselves differ, and nothing reads them).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np

from newsdiff_gui.core.align.text import WordPairCoder, casefolded_words

# Codes start where `WordPairCoder`'s do and skip the surrogate block; past this
# many distinct pairs (far beyond any article) the coder's own wrap-around rule
# applies, so the coder does the work.
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
MAX_PAIRS = 0xE0000
# Below this many words in all, a Python loop is cheaper than numpy's fixed cost
# (measured: equal at ~140 words, numpy 2-3x faster from 500 on).
_MIN_BATCH_WORDS = 150
# Single-word codes live in their own plane, as `WordPairCoder.encode_words`'s do;
# past this many distinct words the coder's own wrap-around rule applies.
_FIRST_WORD_CODE = 0xF0000
_MAX_WORDS = 0xFFFF


def encode_pairs(texts: Sequence[str]) -> list[str]:
    """`[coder.encode(t) for t in texts]` for one fresh `WordPairCoder`, up to code values."""
    return encode_pairs_and_words(texts)[0]


def encode_pairs_and_words(
    texts: Sequence[str], words_of: Callable[[str], Sequence[str]] = casefolded_words
) -> tuple[list[str], list[str] | None]:
    """(`encode_pairs(texts)`, `encode_words(texts)`), the second from the same word
    ids (pairing needs both of the same paragraphs), or None where `encode_words`
    would not code in one batch (few words, or so many that codes would repeat):
    then a subset coded apart may compare differently, and is. `words_of` gives
    a text's casefolded words (pairing reads them from the paragraphs' sentences)."""
    word_lists = [words_of(text) for text in texts]
    flat = list(itertools.chain.from_iterable(word_lists))
    if len(flat) < _MIN_BATCH_WORDS:
        coder = WordPairCoder()  # few words: numpy's fixed cost would exceed the loop's
        return [coder.encode(text) for text in texts], None
    # Word ids from 1, in order of first appearance; 0 is the start mark the first
    # word of a text is paired with. (A word not seen yet takes the next id as it
    # is looked up: one pass over ~25,000 words, each hashed once, in C.)
    vocabulary: defaultdict[str, int] = defaultdict(itertools.count(1).__next__)
    ids = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter(map(len, word_lists), dtype=np.int64, count=len(word_lists))
    ends = np.cumsum(lengths)
    previous = np.empty_like(ids)
    previous[0] = 0
    previous[1:] = ids[:-1]
    previous[(ends - lengths)[lengths > 0]] = 0
    unique, codes = np.unique(previous * (len(vocabulary) + 1) + ids, return_inverse=True)
    bounds = list(itertools.pairwise([0, *ends.tolist()]))
    word_codes = None
    if len(vocabulary) <= _MAX_WORDS:  # (as `encode_words` numbers them, from its first code)
        words = (ids + (_FIRST_WORD_CODE - 1)).astype("<u4").tobytes().decode("utf-32-le")
        word_codes = [words[start:end] for start, end in bounds]
    if len(unique) > MAX_PAIRS:  # (the coder's own wrap-around rule applies)
        coder = WordPairCoder()
        return [coder.encode(text) for text in texts], word_codes
    codes = codes.reshape(-1) + _FIRST_CODE
    codes[codes >= _SURROGATES.start] += len(_SURROGATES)
    joined = codes.astype("<u4").tobytes().decode("utf-32-le")
    return [joined[start:end] for start, end in bounds], word_codes


def encode_words(texts: Sequence[str]) -> list[str]:
    """`[coder.encode_words(t) for t in texts]` for one fresh `WordPairCoder`, up to code values."""
    word_lists = [casefolded_words(text) for text in texts]
    flat = list(itertools.chain.from_iterable(word_lists))
    vocabulary = {word: n for n, word in enumerate(dict.fromkeys(flat), start=_FIRST_WORD_CODE)}
    if len(vocabulary) > _MAX_WORDS or len(flat) < _MIN_BATCH_WORDS:
        coder = WordPairCoder()
        return [coder.encode_words(text) for text in texts]
    codes = np.fromiter(map(vocabulary.__getitem__, flat), dtype="<u4", count=len(flat))
    joined = codes.tobytes().decode("utf-32-le")
    bounds = [0, *itertools.accumulate(map(len, word_lists))]
    return [joined[start:end] for start, end in itertools.pairwise(bounds)]
