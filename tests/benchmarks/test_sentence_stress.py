"""The compound-rewrite stress benchmark's operations and its count of false claims."""

from __future__ import annotations

import random

from benchmarks import sentence_stress
from benchmarks.difflib_baseline import baseline_align
from benchmarks.revision_script import Article
from newsdiff_gui.core.align import align
from newsdiff_gui.core.document import Document

_TEXT = [
    [
        "Flood waters rose across the valley on Tuesday, forcing seven families out.",
        "Crews worked.",
    ],
    ["The county opened two shelters at the school.", "Volunteers brought blankets, hot meals."],
    ["Forecasters expect more rain before Friday.", "The river may crest on Thursday."],
]
_ARTICLE = Article("test:flood", "Floods", tuple(" ".join(p) for p in _TEXT) * 2)


def _copy() -> list[list[str]]:
    return [list(paragraph) for paragraph in _TEXT]


def test_moves_reflows_and_repeats_keep_every_sentence() -> None:
    every = sorted(s for p in _TEXT for s in p)
    for name in ("moved", "reflowed"):
        text = sentence_stress.OPERATIONS[name](_copy(), random.Random(3), ["x"])
        assert sorted(s for p in text for s in p) == every, name
    repeated = sentence_stress.repeated(_copy(), random.Random(3), ["x"])
    assert len([s for p in repeated for s in p]) == len(every) + 1


def test_a_split_and_a_join_change_only_the_stop() -> None:
    split = sentence_stress.split(_copy(), random.Random(3), ["x"])

    def words(text: list[list[str]]) -> list[str]:
        return (
            " ".join(s for p in text for s in p)
            .replace(".", "")
            .replace(",", "")
            .casefold()
            .split()
        )

    assert words(split) == words(_TEXT)
    assert any(". " in s for p in split for s in p)  # a sentence cut in two
    joined = sentence_stress.joined(_copy(), random.Random(1), ["x"])
    assert any(", and " in s for p in joined for s in p)


def test_revisions_are_seeded_and_a_standing_sentence_shown_gone_is_counted() -> None:
    first = sentence_stress.make_revisions([_ARTICLE], ["split", "moved"], 5, seed=4, mixed=True)
    assert first == sentence_stress.make_revisions([_ARTICLE], ["split", "moved"], 5, 4, True)
    assert len(first) == 5 and all(r.operations for r in first)
    standing = "The county opened two shelters at the school and the town hall."
    other = "Something else entirely happened there on the same evening."
    old = Document(title="A", paragraphs=(standing, other))
    new = Document(title="A", paragraphs=(f"{other} {standing}",))
    moved = sentence_stress.Revision("test", ("moved",), old, new)
    # The paragraph baseline shows the standing sentence's paragraph removed; the
    # engine shows it moved into the other one.
    assert sentence_stress.claimed([moved], baseline_align) == 1
    assert sentence_stress.claimed([moved], align) == 0
