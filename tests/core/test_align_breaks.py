"""Texts whose paragraphs only break elsewhere: their tokens are the word diff's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.align import AlignOptions, TokenOp
from newsdiff_gui.core.align.breaks import flatten
from newsdiff_gui.core.align.tokens import _emit_words, _TokenSink, diff_tokens

OPTIONS = AlignOptions()
_WORDS = st.sampled_from(["a", "bb", "Rain.", "“C”", "x\u00a0y", "é"])
_SPACES = st.sampled_from([" ", " ", "\n\n", "\n\n\n\n", " \n\n", "\n\n ", "  ", "\t "])


def _word_diff(old: str, new: str) -> tuple[object, ...]:
    sink = _TokenSink()
    _emit_words(sink, old, new, OPTIONS)
    return tuple(sink.tokens)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_WORDS, min_size=1, max_size=8),
    st.data(),
    st.sampled_from(["", " ", "\n\n"]),
    st.sampled_from(["", " ", "\n\n"]),
)
def test_moved_breaks_give_the_word_diffs_tokens(
    words: list[str], data: st.DataObject, old_tail: str, new_tail: str
) -> None:
    def text(tail: str) -> str:
        spaces = data.draw(st.lists(_SPACES, min_size=len(words) - 1, max_size=len(words) - 1))
        return words[0] + "".join(s + w for s, w in zip(spaces, words[1:], strict=True)) + tail

    old, new = text(old_tail), text(new_tail)
    if old == new:
        return
    assert diff_tokens(old, new, OPTIONS) == _word_diff(old, new)
    # Above the sentence level too (no sentence alignment needed).
    assert diff_tokens(old, new, OPTIONS, by_sentence=True) == _word_diff(old, new)


def test_a_repeated_sentence_whose_break_and_spacing_moved_is_not_removed() -> None:
    # Found by the property above: the same words, a break moved and a space run
    # changed ("\n\n" -> "\t "); aligned by sentence, the repeated "“C” Rain."
    # was shown removed and added.
    old, new = "“C” Rain. “C”\n\nRain.", "“C”\n\nRain. “C”\t Rain."
    tokens = diff_tokens(old, new, OPTIONS, by_sentence=True)
    assert tokens == _word_diff(old, new)
    assert [t.text for t in tokens if t.op is TokenOp.DELETE] == [" ", "\n\n"]


def test_a_paragraph_cut_out_whole_leaves_a_run_of_breaks() -> None:
    old = "Rain fell. Roads shut.\n\n\n\nSchools closed."
    new = "Rain fell.\n\nRoads shut. Schools closed."
    tokens = diff_tokens(old, new, OPTIONS)
    assert [(t.op, t.text) for t in tokens] == [
        (TokenOp.EQUAL, "Rain fell."),
        (TokenOp.DELETE, " "),
        (TokenOp.INSERT, "\n\n"),
        (TokenOp.EQUAL, "Roads shut."),
        (TokenOp.DELETE, "\n\n\n\n"),
        (TokenOp.INSERT, " "),
        (TokenOp.EQUAL, "Schools closed."),
    ]


def test_only_text_that_opens_with_a_word_is_read_flat() -> None:
    assert flatten("\n\nRain fell.") is None
    assert flatten("") is None
    flat = flatten("Rain  fell.\n\nRoads \n\nshut. ")
    assert flat is not None
    assert (flat.text, flat.runs, flat.tail) == (
        "Rain fell. Roads shut.",
        ("  ", "\n\n", " \n\n"),
        " ",
    )


def test_runs_are_found_alike_in_spaces_and_newlines_and_in_other_whitespace() -> None:
    plain = flatten("Rain  fell.\n\nRoads \n\n\n\nshut.\n\n  Schools closed. ")
    other = flatten("Rain\t fell.\n\nRoads \n\n\n\nshut.\n\n  Schools\u00a0closed. ")
    assert plain is not None and other is not None
    assert plain.text == other.text == "Rain fell. Roads shut. Schools closed."
    assert plain.runs == ("  ", "\n\n", " \n\n\n\n", "\n\n  ")
    assert other.runs == ("\t ", "\n\n", " \n\n\n\n", "\n\n  ", "\u00a0")
    assert plain.positions == other.positions[:4] == (4, 10, 16, 22)
