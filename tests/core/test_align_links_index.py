"""The sentence index finds exactly the pairs that comparing every pair finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.align import links_index

# Few distinct words: many near-duplicate sentences, the index's hard case.
sentences = st.lists(st.lists(st.integers(0, 12), min_size=4, max_size=14), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(sentences, sentences, st.sampled_from([0.75, 0.9]))
def test_the_index_misses_no_pair_at_or_above_the_cutoff(
    old: list[list[int]], new: list[list[int]], cutoff: float
) -> None:
    every_pair = links_index.candidates(old, new, cutoff)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(links_index, "MAX_ALL_PAIRS", 0)  # force the index
        indexed = links_index.candidates(old, new, cutoff)
    assert sorted(indexed) == sorted(every_pair)


words = st.lists(
    st.lists(st.sampled_from(["a", "b", "said", "é", "x_y", "7"]), max_size=8).map(tuple)
)


@settings(max_examples=100, deadline=None)
@given(words, words)
def test_word_codes_are_the_word_ids_of_first_appearance_as_characters(
    old: list[tuple[str, ...]], new: list[tuple[str, ...]]
) -> None:
    ids = {word: n for n, word in enumerate(dict.fromkeys(w for s in (*old, *new) for w in s))}
    old_codes, new_codes = links_index.word_codes(old, new)
    assert old_codes == ["".join(links_index.code_of(ids[w]) for w in s) for s in old]
    assert new_codes == ["".join(links_index.code_of(ids[w]) for w in s) for s in new]
    assert [links_index.code_of(n) for n in (0, 0xD6FF, 0xD700)] == ["\u0100", "\ud7ff", "\ue000"]
