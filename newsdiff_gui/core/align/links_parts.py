"""Parts of a shown sentence that are a whole sentence of the other side.

The splitter cuts a paragraph at a full stop before a capital, so a heading
without a stop that a new layout runs into the paragraph after it ("Step 1:
Define your goals" + "Clear goals are the cornerstone …") reads as one new
sentence: the heading, removed from where it stood, matched nothing whole and
was shown deleted while every word of it stands. A shown sentence whose first
(or last) words are exactly a shown sentence of the other side is therefore
also offered as that part and the rest, for sentence links to pair; the
greedy choice of links moves each piece of text once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from newsdiff_gui.core.align.sentences import Sentence
from newsdiff_gui.core.align.text import words

_WORD = re.compile(r"\w+")
# Words a part must have to be offered (a move needs as many; links_tokens).
_MIN_PART_WORDS = 4
# A bound on the sentences read for parts (a page-long "sentence" of a table).
_MAX_WORDS = 400


class _Placed(Protocol):
    @property
    def sentence(self) -> Sentence: ...


def part_sentences(
    places: Sequence[_Placed], others: Sequence[_Placed]
) -> list[tuple[int, Sentence]]:
    """(index into `places`, part) for each place whose sentence opens or ends with
    the exact words of a sentence in `others`, with more words beside them: the
    part, and the rest of the sentence."""
    known = {p.sentence.words for p in others if len(p.sentence.words) >= _MIN_PART_WORDS}
    if not known:
        return []
    lengths = sorted({len(w) for w in known})
    found: list[tuple[int, Sentence]] = []
    for index, place in enumerate(places):
        sentence = place.sentence
        count = len(sentence.words)
        if count > _MAX_WORDS:
            continue
        for size in lengths:
            if size + _MIN_PART_WORDS > count:
                break
            if sentence.words[:size] in known:
                found += [(index, s) for s in _cut(sentence, size)]
            if sentence.words[count - size :] in known:
                found += [(index, s) for s in _cut(sentence, count - size)]
    return found


def first_cuts(places: Sequence[_Placed], others: Sequence[_Placed]) -> dict[int, list[Sentence]]:
    """For each place `part_sentences` finds parts of, its first cut: [part, rest]
    (or [rest, part]) to read in its place."""
    cuts: dict[int, list[Sentence]] = {}
    for index, part in part_sentences(places, others):
        found = cuts.setdefault(index, [])
        if len(found) < 2:
            found.append(part)
    return cuts


def cut_piece(text: str, start: int, last: bool, previous: bool) -> Sentence:
    """A piece of a cut sentence: `text` standing at `start` of the row's text."""
    return Sentence(start, start + len(text), text, tuple(words(text.casefold())), last, previous)


def _cut(sentence: Sentence, at_word: int) -> list[Sentence]:
    """The sentence cut before its word `at_word`: [head, tail], each without the
    whitespace around it ([] when its words cannot be found again)."""
    matches = list(_WORD.finditer(sentence.text))
    if len(matches) != len(sentence.words):
        return []  # casefolding changed how the text splits into words: leave it whole
    head_end = matches[at_word - 1].end()
    tail_start = matches[at_word].start()
    gap = sentence.text[head_end:tail_start]
    # Marks that close the head (":", ")", a closing quote) stay with it; marks
    # opening the tail ("“", "(") go with the tail.
    spaces = [k for k, char in enumerate(gap) if char.isspace()]
    if not spaces:
        return []  # no space between them: one word to a reader ("fluid—Belts")
    head_text = sentence.text[: head_end + spaces[0]]
    tail_text = sentence.text[head_end + spaces[-1] + 1 :]
    head = cut_piece(head_text, sentence.start, False, sentence.has_previous)
    tail = cut_piece(tail_text, sentence.end - len(tail_text), sentence.last_in_paragraph, True)
    if head.words + tail.words != sentence.words:
        return []
    return [head, tail]
