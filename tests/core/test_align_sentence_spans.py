"""A sentence split in two, two joined into one, a sentence end moved: inside a row
aligned sentence by sentence, the words that still stand are never shown gone."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.align import AlignOptions, Token, TokenOp
from newsdiff_gui.core.align.sentence_spans import grown_spans, shares_a_sentence, word_similarity
from newsdiff_gui.core.align.tokens import diff_tokens, row_sentences

OPTIONS = AlignOptions()
_WORD = re.compile(r"\w+")

BEFORE = "The removal company opened its second depot in Oakland last spring. "
AFTER = " Its trucks now cover the whole bay, from San Jose to Santa Rosa."


def shown(tokens: tuple[Token, ...], op: TokenOp) -> str:
    """The words a reader sees struck (DELETE) or added (INSERT), one line per token."""
    return "\n".join(" ".join(_WORD.findall(t.text.casefold())) for t in tokens if t.op is op)


def words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def by_sentence(old: str, new: str) -> tuple[Token, ...]:
    tokens = diff_tokens(old, new, OPTIONS, by_sentence=True)
    assert "".join(t.text for t in tokens if t.op is not TokenOp.INSERT) == old
    assert "".join(t.text for t in tokens if t.op is not TokenOp.DELETE) == new
    return tokens


def test_a_sentence_split_in_two_shows_only_the_new_stop() -> None:
    sentence = "They do things a little differently, being fast, efficient and cheap, they claim."
    split = "They do things a little differently. Being fast, efficient and cheap, they claim."
    tokens = by_sentence(BEFORE + sentence + AFTER, BEFORE + split + AFTER)
    struck = shown(tokens, TokenOp.DELETE)
    # Before, the second half was inserted whole and the old sentence's words
    # from "differently" on were struck: words that stand, shown gone.
    assert "fast efficient and cheap" not in struck
    assert "fast efficient and cheap" not in shown(tokens, TokenOp.INSERT)
    assert len(struck.split()) <= 2


def test_two_sentences_joined_into_one_show_only_the_join() -> None:
    two = "The crew arrived at eight in the morning. They finished the job before noon."
    one = "The crew arrived at eight in the morning, and they finished the job before noon."
    tokens = by_sentence(BEFORE + two + AFTER, BEFORE + one + AFTER)
    assert "finished the job before noon" not in shown(tokens, TokenOp.DELETE)
    assert "crew arrived at eight" not in shown(tokens, TokenOp.DELETE)


def test_a_moved_sentence_end_joins_the_two_pairs_it_split() -> None:
    # "list." lost its stop: the first sentence runs on into the second, and the
    # second's tail became a sentence of its own. Each old sentence paired with
    # one new part; apart, each showed the other's words gone and added.
    old = (
        "There is one detail that worries us about the car at the top of our list. "
        "GM has pulled Android Auto and Apple CarPlay and will offer a system that is free "
        "to start, but requires a subscription down the road to work."
    )
    new = (
        "There is one detail that worries us about the car at the top of our ranking and "
        "GM has pulled Android Auto and Apple CarPlay and will offer a system that is free "
        "to start. But it requires a subscription down the road to work."
    )
    tokens = by_sentence(BEFORE + old + AFTER, BEFORE + new + AFTER)
    struck = shown(tokens, TokenOp.DELETE)
    assert "gm has pulled android auto" not in struck
    assert "subscription down the road" not in struck
    assert "gm has pulled android auto" not in shown(tokens, TokenOp.INSERT)


def test_a_sentence_that_lost_its_stop_to_a_heavy_edit_stands() -> None:
    # The parenthesis closed a sentence; the rewrite of the next one starts in
    # lower case, so the two read as one new sentence too unlike either old one
    # to pair: the standing sentence was struck with the rewritten one.
    old = (
        "(His final one was a villanelle about King Edward IV.) Among his friends, his most "
        "prized pieces of writing were his Christmas cards."
    )
    new = (
        "(His final one was a villanelle about King Edward IV.) and for the council, the "
        "figures reached were revised on Monday after the agency said that the reports from "
        "the new office had come in late, so the officials who met in the old hall had to "
        "wait for the count before they could say what the figure was."
    )
    tokens = by_sentence(BEFORE + old + AFTER, BEFORE + new + AFTER)
    assert "villanelle about king edward" not in shown(tokens, TokenOp.DELETE)


def test_a_rewritten_sentence_is_still_one_change() -> None:
    # Nothing of the old sentence stands: shown deleted and inserted whole, not as
    # the few words the two happen to share.
    old = "The mayor said the bridge would reopen on Friday after repairs."
    new = "Engineers found cracks in two of the supports, a spokesperson for the city said."
    tokens = by_sentence(BEFORE + old + AFTER, BEFORE + new + AFTER)
    assert words(old) in shown(tokens, TokenOp.DELETE).splitlines()
    assert words(new) in shown(tokens, TokenOp.INSERT).splitlines()


def test_spans_grow_only_over_unpaired_neighbours_and_only_when_more_alike() -> None:
    old = ["A b c d e f, g h i j. ", "Other words here entirely. "]
    new = ["A b c d e f. ", "G h i j. ", "Other words here entirely. "]
    spans = grown_spans([(0, 0), (1, 2)], old, new, word_similarity)
    assert spans == [(0, 1, 0, 2), (1, 2, 2, 3)]  # the exact pair never grows
    # An inserted sentence beside an edited one is not taken in: apart is as alike.
    inserted = [
        "A b c d e f, g h i k. ",
        "Quite unrelated text was added. ",
        "Other words here entirely. ",
    ]
    assert grown_spans([(0, 0), (1, 2)], old, inserted, word_similarity) == [
        (0, 1, 0, 1),
        (1, 2, 2, 3),
    ]


def test_a_shared_sentence_needs_four_words_to_count() -> None:
    assert shares_a_sentence(
        ["The council met on Monday. "], ["So the council met on Monday and voted."]
    )
    assert not shares_a_sentence(["He said no. "], ["Later he said no to the offer."])


def test_a_standing_sentence_run_into_its_rewritten_neighbours_is_taken_in() -> None:
    # The rewrite lower-cased the first words of the sentences after the first one,
    # so the new text reads as one sentence. It pairs with the last old sentence
    # (the longest part it holds); the first old sentence, standing word for word
    # inside it, paired with nothing and was shown deleted.
    first = "Regular exercise improves sleep by steadying its pattern and depth."
    last = (
        "Doctors may tailor exercise programmes for people with depression by studying these "
        "pathways, and by asking each patient which activities they enjoyed before the illness."
    )
    old = " ".join(
        [
            first,
            "Exercise can reduce weariness, cognitive decline and mood disorders linked to sleep.",
            "Numerous neurological, psychological and behavioural pathways explain these effects.",
            last,
        ]
    )
    new = " ".join(
        [
            first,
            "revised can reduce the council, agency decline and mood officials linked to reports.",
            "figure neurological, monday and said pathways explain these reached.",
            "doctors" + last[len("Doctors") :],
        ]
    )
    tokens = by_sentence(BEFORE + old + AFTER, BEFORE + new + AFTER)
    assert "steadying its pattern and depth" not in shown(tokens, TokenOp.DELETE)
    assert "steadying its pattern and depth" not in shown(tokens, TokenOp.INSERT)


def test_a_paragraph_opening_in_lower_case_is_a_sentence_of_its_own() -> None:
    # A row of several paragraphs is split into sentences as one text; a paragraph
    # whose first word is lower case ("eBay said …", a rewrite's first word) was
    # read as the end of the sentence above it, and a standing sentence glued to a
    # rewritten paragraph paired with nothing.
    text = "These days. I often feel it belongs to us.\n\neBay said so.\n\n\n\nLast one."
    assert row_sentences(text) == [
        "These days. ",
        "I often feel it belongs to us.\n\n",
        "eBay said so.\n\n\n\n",
        "Last one.",
    ]
    for odd in ("", "\n\n", "x\n\n", "\n\nx", "a. B\n\nc"):
        assert "".join(row_sentences(odd)) == odd


_VOCABULARY = [
    "council",
    "harbour",
    "bridge",
    "repairs",
    "lanes",
    "weeks",
    "mayor",
    "residents",
    "budget",
    "vote",
    "plan",
    "ferry",
    "storm",
    "river",
    "crews",
    "night",
    "shelters",
    "families",
    "school",
    "road",
    "traffic",
    "police",
    "report",
]
_SENTENCE = st.lists(st.sampled_from(_VOCABULARY), min_size=8, max_size=14).map(
    lambda words: " ".join(words[:4]).capitalize() + ", " + " ".join(words[4:]) + "."
)


def _struck_share(tokens: tuple[Token, ...], old: str, start: int, end: int) -> float:
    """Share of the characters of old[start:end] that the tokens strike."""
    at, struck = 0, 0
    for token in tokens:
        if token.op is TokenOp.INSERT:
            continue
        stop = at + len(token.text)
        if token.op is TokenOp.DELETE:
            struck += max(0, min(stop, end) - max(at, start))
        at = stop
    return struck / max(1, end - start)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCE, min_size=3, max_size=12, unique=True), st.data())
def test_a_split_or_a_join_never_strikes_a_standing_sentence(
    sentences: list[str], data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(sentences) - 2))
    edited = list(sentences)
    if data.draw(st.booleans()):
        head, tail = edited[at].split(", ", 1)
        edited[at] = f"{head}. {tail[0].upper()}{tail[1:]}"
    else:
        second = edited[at + 1]
        edited[at : at + 2] = [f"{edited[at][:-1]}, and {second[0].lower()}{second[1:]}"]
    old, new = " ".join(sentences), " ".join(edited)
    tokens = by_sentence(old, new)
    start = 0
    for sentence in sentences:
        # Every old sentence's words still stand: at most its stop and the word after
        # it may be struck, never most of it.
        assert _struck_share(tokens, old, start, start + len(sentence)) < 0.5, sentence
        start += len(sentence) + 1
