"""Word tokens, fact flags and the text helpers the aligner is built on."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.align import AlignOptions, Token, TokenOp
from newsdiff_gui.core.align.chain import Span, heaviest_chain
from newsdiff_gui.core.align.facts import (
    might_change_figures,
    number_expressions,
    numbers_changed,
    quote_changed,
)
from newsdiff_gui.core.align.matrix import diagonal_blocks
from newsdiff_gui.core.align.model import too_long_for_words
from newsdiff_gui.core.align.text import minor_key, split_sentences
from newsdiff_gui.core.align.tokens import _TokenSink, diff_tokens, order_matters

OPTIONS = AlignOptions()


def sides(tokens: tuple[Token, ...]) -> tuple[str, str]:
    old = "".join(t.text for t in tokens if t.op is not TokenOp.INSERT)
    new = "".join(t.text for t in tokens if t.op is not TokenOp.DELETE)
    return old, new


def changes(tokens: tuple[Token, ...]) -> list[tuple[str, str]]:
    return [(t.op.value, t.text) for t in tokens if t.op is not TokenOp.EQUAL]


def test_changes_snap_to_words_and_keep_shared_spaces_equal() -> None:
    tokens = diff_tokens("were seven people", "were at least eight people", OPTIONS)
    assert [(t.op.value, t.text) for t in tokens] == [
        ("equal", "were "),
        ("delete", "seven"),
        ("insert", "at least eight"),
        ("equal", " people"),
    ]


def test_a_paragraph_break_inside_a_group_is_a_whitespace_change() -> None:
    tokens = diff_tokens("First part.\n\nSecond part.", "First part. Second part.", OPTIONS)
    assert changes(tokens) == [("delete", "\n\n"), ("insert", " ")]


def test_large_texts_with_the_same_words_show_only_their_moved_breaks() -> None:
    # Above the sentence level (and asked to align by sentence), text whose
    # paragraph breaks alone moved still reads as equal words, including a
    # paragraph break inside what the splitter takes for one sentence.
    old = "Rain fell on the city. Roads were shut and\n\nschools closed early. Crews worked on."
    new = "Rain fell on the city.\n\nRoads were shut and schools closed early. Crews worked on."
    for options, by_sentence in (
        (AlignOptions(sentence_level_min_words=3), False),
        (OPTIONS, True),
    ):
        tokens = diff_tokens(old, new, options, by_sentence=by_sentence)
        assert sides(tokens) == (old, new)
        assert changes(tokens) == [
            ("delete", " "),
            ("insert", "\n\n"),
            ("delete", "\n\n"),
            ("insert", " "),
        ]


def test_sentence_order_matters_only_where_words_differ() -> None:
    old = "Rain fell on the city today. Roads were shut.\n\nSchools closed early on Monday."
    moved_break = "Rain fell on the city today.\n\nRoads were shut. Schools closed early on Monday."
    swapped = "Schools closed early on Monday. Roads were shut.\n\nRain fell on the city today."
    assert not order_matters(old, moved_break, OPTIONS)
    assert diff_tokens(old, moved_break, OPTIONS, by_sentence=True) == diff_tokens(
        old, moved_break, OPTIONS
    )
    assert order_matters(old, swapped, OPTIONS)
    # Over the word-diff cap the word path keeps only head and tail: it matters.
    assert order_matters(old, moved_break, AlignOptions(max_word_diff_cells=4))


def test_long_shared_phrases_are_never_absorbed() -> None:
    tokens = diff_tokens(
        "Seven people were killed in the flood on Monday",
        "Eight people were killed in the flood on Tuesday",
        OPTIONS,
    )
    assert changes(tokens) == [
        ("delete", "Seven"),
        ("insert", "Eight"),
        ("delete", "Monday"),
        ("insert", "Tuesday"),
    ]


def test_word_diff_cap_keeps_head_and_tail() -> None:
    options = AlignOptions(max_word_diff_cells=4)
    tokens = diff_tokens("a b c d e", "a b x d e", options)
    assert sides(tokens) == ("a b c d e", "a b x d e")
    assert changes(tokens) == [("delete", "c"), ("insert", "x")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "the", "Seven.", "“x”", "\n\n", "c"]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "the", "Eight.", '"x"', "\n\n", "d"]), max_size=12),
    st.integers(1, 30),
)
def test_tokens_always_rebuild_both_texts(old: list[str], new: list[str], level: int) -> None:
    old_text, new_text = " ".join(old).strip(), " ".join(new).strip()
    options = AlignOptions(sentence_level_min_words=level)
    tokens = diff_tokens(old_text, new_text, options)
    assert sides(tokens) == (old_text, new_text)
    assert all(t.text for t in tokens)
    assert all(a.op is not b.op for a, b in itertools.pairwise(tokens))


def test_figures_with_their_qualifiers() -> None:
    assert number_expressions("At least eight died; $5 million and 45% of 1,200.") == {
        "at least eight": 1,
        "$ 5 million": 1,
        "45 %": 1,
        "1,200": 1,
    }
    assert numbers_changed("seven died", "at least eight died")
    assert numbers_changed("seven died", "at least seven died")
    assert numbers_changed("up to 10 hurt", "10 hurt")
    assert not numbers_changed("Seven died.", "seven died!")
    assert not might_change_figures(["the mayor", "said"])
    assert might_change_figures(["least"]) and might_change_figures(["12"])


def test_quotes_in_any_style() -> None:
    assert not quote_changed("He said “we will win”.", 'He said "We will win".')
    assert quote_changed("He said “we will win”.", "He said “we shall win”.")
    assert quote_changed("‘Never,’ she said.", "She said no.")
    assert not quote_changed("It's the mayor's plan.", "It’s the mayor’s plan!")
    # A quote running on past the paragraph's end counts too.
    assert quote_changed("“We will rebuild the market", "“We will rebuild a market")


def test_minor_key_ignores_punctuation_quotes_dashes_and_case() -> None:
    assert minor_key("“Hello,” she said — it’s OK…") == minor_key('"hello" she said - it\'s ok')
    assert minor_key("Seven died") != minor_key("Eight died")


def test_sentences_keep_their_whitespace() -> None:
    text = 'Mr Smith said "Yes." Then he left! 3 people stayed. ok'
    pieces = split_sentences(text)
    assert "".join(pieces) == text
    assert pieces == ['Mr Smith said "Yes." ', "Then he left! ", "3 people stayed. ok"]


def test_heaviest_chain_prefers_fewest_moves() -> None:
    # Four paragraphs kept their order, one moved from the end to the top.
    spans = [Span(4, 4, 0, 0, 1.0)] + [Span(i, i, i + 1, i + 1, 1.0) for i in range(4)]
    assert heaviest_chain(spans, 5) == [1, 2, 3, 4]
    # A run counts with its length.
    assert heaviest_chain([Span(0, 3, 1, 4, 4.0), Span(4, 4, 0, 0, 1.0)], 5) == [0]


def test_diagonal_blocks_cover_everything_within_the_budget() -> None:
    for old, new in ((10, 10), (3000, 3000), (20000, 20000), (100000, 5)):
        blocks = diagonal_blocks(old, new, 1_000_000)
        assert sum(len(a) for a, _ in blocks) == old
        assert sum(len(b) for _, b in blocks) == new
        assert sum(len(a) * len(b) for a, b in blocks) <= max(4_000_000, 1_000_000)


def test_a_text_over_the_inline_limit_gets_no_word_diff() -> None:
    """Above `max_inline_chars` (Meld and git-cola stop inline highlighting above a
    size too): the common head and tail, and the middle as one change, whole."""
    words = [f"word{n}" for n in range(4_000)]  # ~35,000 characters
    old = " ".join(words)
    edited = list(words)
    edited[1_000] = "seven"
    edited[2_000] = "eight"
    new = " ".join(edited)
    assert too_long_for_words(len(new), OPTIONS)
    tokens = diff_tokens(old, new, OPTIONS)
    assert sides(tokens) == (old, new)
    assert [t.op for t in tokens] == [TokenOp.EQUAL, TokenOp.DELETE, TokenOp.INSERT, TokenOp.EQUAL]
    assert tokens[1].text.startswith("word1000") and tokens[1].text.endswith("word2000")
    # Under the limit the same edit is two word changes.
    wide = AlignOptions(max_inline_chars=100_000)
    assert len(changes(diff_tokens(old, new, wide))) == 4


def test_the_same_text_left_on_both_sides_of_a_change_is_equal() -> None:
    sink = _TokenSink()
    sink.change("If you want to change the resistance. ", "If you want to change the resistance. ")
    assert [(t.op, t.text) for t in sink.tokens] == [
        (TokenOp.EQUAL, "If you want to change the resistance. ")
    ]


def test_words_restyled_to_other_quotes_are_lined_up_not_retyped() -> None:
    old = (
        "Expect their hits, including “Listen To The Music,” “Long Train Running,” "
        "“Black Water,” “China Grove” and others."
    )
    new = (
        'Expect their hits, including "Listen To The Music," "Long Train Running," '
        '"Dark Water," "China Grove" and others.'
    )
    tokens = diff_tokens(old, new, OPTIONS)
    assert sides(tokens) == (old, new)
    changed = changes(tokens)
    # Each restyled word is its own change; the words between stand.
    assert ("delete", "“Listen") in changed and ("insert", '"Listen') in changed
    assert all("Train" not in text and " " not in text.strip() for _, text in changed)
    assert ("delete", "“Black") in changed and ("insert", '"Dark') in changed
    # Text in one quote style is compared as before: a changed word, nothing else.
    assert changes(diff_tokens('"Black Water" aired.', '"Dark Water" aired.', OPTIONS)) == [
        ("delete", '"Black'),
        ("insert", '"Dark'),
    ]
