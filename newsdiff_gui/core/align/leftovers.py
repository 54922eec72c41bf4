"""What pairing works on: the paragraphs exact matching left over, and its result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsdiff_gui.core.align.sentences import sentence_keys


@dataclass(frozen=True, slots=True)
class Match:
    """Paragraphs paired by the aligner (kinds are decided by the caller)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float
    exact: bool = False
    in_place: bool = True


_MATCH_SETTERS = {name: getattr(Match, name).__set__ for name in Match.__slots__}
_SET_OLD, _SET_NEW = _MATCH_SETTERS["old"], _MATCH_SETTERS["new"]
_SET_SIMILARITY, _SET_EXACT = _MATCH_SETTERS["similarity"], _MATCH_SETTERS["exact"]
_SET_IN_PLACE = _MATCH_SETTERS["in_place"]


def exact_match(old: int, new: int, in_place: bool) -> Match:
    """`Match((old,), (new,), 1.0, exact=True, in_place=in_place)` at half the cost
    (a live blog pairs thousands of paragraphs exactly; a frozen dataclass's
    `__init__` sets each field through `object.__setattr__`)."""
    match: Match = object.__new__(Match)
    _SET_OLD(match, (old,))
    _SET_NEW(match, (new,))
    _SET_SIMILARITY(match, 1.0)
    _SET_EXACT(match, True)
    _SET_IN_PLACE(match, in_place)
    return match


class Leftovers:
    """Paragraphs not settled by exact/minor matching, with their codes."""

    def __init__(
        self,
        old: list[int],
        new: list[int],
        old_codes: list[str],
        new_codes: list[str],
        old_texts: Sequence[str],
        new_texts: Sequence[str],
    ) -> None:
        self.old, self.new = old, new
        self.old_codes, self.new_codes = old_codes, new_codes
        self.old_texts, self.new_texts = old_texts, new_texts
        # Single-word codes of the same paragraphs, when pairing coded them with
        # the word-pair codes (else those who need them code their own).
        self.old_words: list[str] | None = None
        self.new_words: list[str] | None = None
        self._old_sentences: dict[int, set[tuple[str, ...]]] = {}
        self._new_sentences: dict[int, set[tuple[str, ...]]] = {}

    def share_a_sentence(self, a: int, b: int, min_words: int) -> bool:
        old = self._old_sentences.get(a)
        if old is None:
            old = self._old_sentences[a] = sentence_keys(self.old_texts[self.old[a]], min_words)
        if not old:
            return False
        new = self._new_sentences.get(b)
        if new is None:
            new = self._new_sentences[b] = sentence_keys(self.new_texts[self.new[b]], min_words)
        return not old.isdisjoint(new)


def similarity_of(shared: int, a: int, b: int) -> float:
    return 2.0 * shared / (a + b) if a + b else 1.0
