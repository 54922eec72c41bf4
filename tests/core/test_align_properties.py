"""Property tests: DESIGN.md's invariants hold for every diff `align` produces."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.align import AlignOptions, ChangeKind, TokenOp, align, check_invariants
from newsdiff_gui.core.align.text import clean, split_sentences
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import clean_text

# A small vocabulary makes near-duplicate paragraphs, shared sentences and
# ambiguous pairings common: the cases where an aligner breaks invariants.
WORDS = [
    "the", "council", "said", "seven", "eight", "people", "were", "hurt", "on", "Monday",
    "police", "Mayor", "Smith", "budget", "at", "least", "1,200", "“we", "will”", "—", "it’s",
    "fire", "in", "a", "statement", "officials", "town", "of", "road", "closed",
]  # fmt: skip
NOISE = ["\u00a0", "\u200b", "  ", "\u00ad", "\t", "\n"]

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(
    lambda words: " ".join(words).capitalize() + "."
)
paragraph = st.one_of(
    st.lists(sentence, min_size=1, max_size=4).map(" ".join),
    st.sampled_from(["", " ", "Advertisement", "\u200b"]),
)
paragraphs = st.lists(paragraph, min_size=0, max_size=10)
title = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)


def document(title_text: str, texts: list[str]) -> Document:
    return Document(title=title_text, paragraphs=tuple(texts))


@st.composite
def edit_script(draw: st.DrawFn, texts: list[str]) -> list[str]:
    """Apply random newsroom edits to a list of paragraphs."""
    new = list(texts)
    for _ in range(draw(st.integers(0, 6))):
        operation = draw(
            st.sampled_from(
                ["edit", "insert", "delete", "move", "split", "merge", "case", "noise",
                 "quotes", "duplicate", "number", "move_sentence"]
            )
        )  # fmt: skip
        if not new and operation != "insert":
            continue
        at = draw(st.integers(0, max(0, len(new) - 1)))
        if operation == "edit":
            words = new[at].split() or [""]
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
            new[at] = " ".join(words)
        elif operation == "insert":
            new.insert(draw(st.integers(0, len(new))), draw(paragraph))
        elif operation == "delete":
            del new[at]
        elif operation == "move":
            item = new.pop(at)
            new.insert(draw(st.integers(0, len(new))), item)
        elif operation == "split":
            cut = draw(st.integers(0, len(new[at])))
            new[at : at + 1] = [new[at][:cut], new[at][cut:]]
        elif operation == "merge" and at + 1 < len(new):
            new[at : at + 2] = [new[at] + " " + new[at + 1]]
        elif operation == "case":
            new[at] = new[at].upper()
        elif operation == "noise":
            cut = draw(st.integers(0, len(new[at])))
            new[at] = new[at][:cut] + draw(st.sampled_from(NOISE)) + new[at][cut:]
        elif operation == "quotes":
            new[at] = new[at].replace("“", '"').replace("”", '"').replace("’", "'")
        elif operation == "duplicate":
            new.insert(at, new[at])
        elif operation == "number":
            new[at] = new[at].replace("seven", "at least eight")
        elif operation == "move_sentence":
            move_sentence(draw, new, at)
    return new


def move_sentence(draw: st.DrawFn, texts: list[str], at: int) -> None:
    """Move one sentence of paragraph `at` into another paragraph (or the same one)."""
    sentences = split_sentences(texts[at])
    if not sentences:
        return
    taken = sentences.pop(draw(st.integers(0, len(sentences) - 1))).strip()
    texts[at] = "".join(sentences).strip()
    to = draw(st.integers(0, len(texts) - 1))
    target = [s.strip() for s in split_sentences(texts[to])]
    target.insert(draw(st.integers(0, len(target))), taken)
    texts[to] = " ".join(s for s in target if s)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(title, title, paragraphs, paragraphs)
# Two runs of removed paragraphs whose neighbours all went into one merged row:
# only one run can touch that row, the other follows it (invariant 2).
@example("", "", ["The.", "The the.", "Council.", "", "The council."], ["Council the council."])
def test_invariants_hold_for_unrelated_documents(
    old_title: str, new_title: str, old: list[str], new: list[str]
) -> None:
    diff = align(document(old_title, old), document(new_title, new))
    assert check_invariants(diff) == []


@FAST
@given(st.data(), title, paragraphs)
def test_invariants_hold_after_random_edit_scripts(
    data: st.DataObject, title_text: str, old: list[str]
) -> None:
    new = data.draw(edit_script(old))
    diff = align(document(title_text, old), document(title_text, new))
    assert check_invariants(diff) == []
    # The JSON is plain data and says the same.
    encoded = json.loads(json.dumps(diff.to_json_dict()))
    assert encoded["schema"] == 2
    assert len(encoded["rows"]) == len(diff.rows)


@settings(max_examples=60, deadline=None)
@given(st.data(), paragraphs)
def test_invariants_hold_under_tiny_work_caps(data: st.DataObject, old: list[str]) -> None:
    """Caps degrade pairing and tokens, never the contract."""
    new = data.draw(edit_script(old))
    options = AlignOptions(max_matrix_cells=3, max_word_diff_cells=4, sentence_level_min_words=3)
    diff = align(document("t", old), document("t", new), options)
    assert check_invariants(diff) == []


@settings(max_examples=80, deadline=None)
@given(paragraphs)
def test_a_document_against_itself_is_all_unchanged(texts: list[str]) -> None:
    diff = align(document("t", texts), document("t", texts))
    assert check_invariants(diff) == []
    assert all(row.kind is ChangeKind.UNCHANGED for row in diff.rows)
    assert not diff.changed


@settings(max_examples=80, deadline=None)
@given(st.data(), paragraphs)
def test_noise_never_makes_a_change(data: st.DataObject, texts: list[str]) -> None:
    noisy = []
    for text in texts:
        cut = data.draw(st.integers(0, len(text)))
        noise = data.draw(st.sampled_from(NOISE))
        noisy.append(text[:cut] + noise + text[cut:])
    diff = align(document("t", texts), document("t", noisy))
    assert check_invariants(diff) == []
    if [clean_text(t) for t in texts] == [clean_text(t) for t in noisy]:
        assert all(row.kind is ChangeKind.UNCHANGED for row in diff.rows)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_fast_clean_equals_clean_text(text: str) -> None:
    assert clean(text) == clean_text(text)


# Distinct news-like paragraphs (fictional) for properties about what a diff says.
NEWS = [
    f"{who} said on {day} that the {what} would {verb} before the {when}."
    for who, day, what, verb, when in zip(
        ["The mayor", "Police", "A council spokesman", "The fire chief", "Residents",
         "The minister", "Union leaders", "Two witnesses", "The coroner", "Engineers"],
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
         "Saturday", "Sunday", "the morning", "the evening", "the weekend"],
        ["inquiry", "bridge", "market", "school", "harbour",
         "budget", "strike", "trial", "hospital", "tram line"],
        ["reopen", "close", "be rebuilt", "report", "resume",
         "be delayed", "end", "begin", "expand", "be inspected"],
        ["end of the month", "summer", "election", "winter", "holidays",
         "next meeting", "deadline", "autumn", "new year", "spring"],
        strict=True,
    )
]  # fmt: skip


def _longest_increasing(values: list[int]) -> int:
    tails: list[int] = []
    for value in values:
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if tails[middle] < value:
                low = middle + 1
            else:
                high = middle
        tails[low : low + 1] = [value]
    return len(tails)


@settings(max_examples=150, deadline=None)
@given(st.permutations(range(len(NEWS))))
def test_a_reordering_moves_the_fewest_paragraphs(order: list[int]) -> None:
    diff = align(document("t", NEWS), document("t", [NEWS[k] for k in order]))
    assert check_invariants(diff) == []
    assert {row.kind for row in diff.rows} <= {ChangeKind.UNCHANGED, ChangeKind.MOVED}
    assert diff.stats.moved == len(NEWS) - _longest_increasing(order)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.booleans(), min_size=len(NEWS), max_size=len(NEWS)), st.data())
def test_deletions_and_insertions_are_only_removed_and_added(
    keep: list[bool], data: st.DataObject
) -> None:
    kept = [p for p, k in zip(NEWS, keep, strict=True) if k]
    fresh = "Completely unrelated text about football scores and weather tonight."
    at = data.draw(st.integers(0, len(kept)))
    new = [*kept[:at], fresh, *kept[at:]]
    diff = align(document("t", NEWS), document("t", new))
    assert check_invariants(diff) == []
    assert diff.stats.removed == keep.count(False) and diff.stats.added == 1
    assert diff.stats.unchanged == len(kept)


# Paragraphs of distinct news sentences (8+ words each): where invariant 6 bites.
news_paragraph = st.lists(st.sampled_from(NEWS), min_size=1, max_size=3, unique=True).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.data(), st.lists(news_paragraph, min_size=1, max_size=8))
def test_sentences_moved_across_paragraphs_are_never_shown_as_new_or_gone(
    data: st.DataObject, old: list[str]
) -> None:
    new = list(old)
    for _ in range(data.draw(st.integers(1, 4))):
        move_sentence(data.draw, new, data.draw(st.integers(0, len(new) - 1)))
    new = [text for text in new if text]
    diff = align(document("t", old), document("t", new))
    assert check_invariants(diff) == []
    shown = [
        t.text
        for row in diff.rows
        for t in row.tokens
        if t.op in (TokenOp.DELETE, TokenOp.INSERT) and t.text.strip()
    ]
    whole = [row for row in diff.rows if row.kind in (ChangeKind.ADDED, ChangeKind.REMOVED)]
    assert shown == [] and all(row.tokens for row in whole)
