"""Tokens of two texts whose words all stand, in order, and whose paragraphs break elsewhere.

A regrouped row's text, once the sentences that moved within it are cut out,
is the other side's text with its paragraph breaks moved (and the breaks of
paragraphs cut out whole left in runs). A word diff reads every word of it to
find what is equal; here the texts are compared read flat (words one space
apart), and only the whitespace that is not one space is placed, so the work
grows with the number of paragraphs, not of words. The tokens are the word
diff's: equal text around each run of whitespace that differs, shown as its
old whitespace deleted and its new whitespace inserted (and the same for the
whitespace after the last word).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from newsdiff_gui.core.align.model import TokenOp

# Whitespace between words other than one space (a paragraph break, the runs of
# breaks a cut-out paragraph leaves, a space beside a break), from its first
# character that is not a space or from two spaces: a run that opens with one
# space is widened by hand. (Twice as fast as matching whole runs.)
_ODD_SPACE = re.compile(r"[^\S ]\s*|  +\s*")


@dataclass(frozen=True, slots=True)
class Flat:
    """A text read flat: `text` its words one space apart, the flat positions of
    the spaces that stand for other whitespace (`runs`) in the text, the
    characters each run adds before it (`extra[k]`: those before run k), and
    the whitespace that ended it."""

    text: str
    positions: tuple[int, ...]
    runs: tuple[str, ...]
    extra: tuple[int, ...]
    tail: str

    @property
    def words(self) -> int:
        return self.text.count(" ") + 1


# Row texts are read flat twice (whether sentence order matters, then the diff).
@functools.lru_cache(maxsize=256)
def flatten(text: str) -> Flat | None:
    """The text read flat, or None when it is empty or opens with whitespace."""
    core = text.rstrip()
    if not core or core[0].isspace():
        return None
    # Row texts hold no whitespace but spaces and newlines (printable but for
    # the newlines): their runs are found by str.find, others' by a regex pass.
    if core.replace("\n", "").isprintable():
        spans = _newline_and_space_runs(core)
    else:
        spans = [match.span() for match in _ODD_SPACE.finditer(core)]
    positions: list[int] = []
    runs: list[str] = []
    extra = [0]
    between: list[str] = []  # the text between runs: each run is one space flat
    done = 0
    for start, end in spans:
        if core[start - 1] == " ":  # (" \n\n": the run opens one space earlier)
            start -= 1
        between.append(core[done:start])
        done = end
        positions.append(start - extra[-1])
        runs.append(core[start:end])
        extra.append(extra[-1] + end - start - 1)
    between.append(core[done:])
    flat = " ".join(between)
    return Flat(flat, tuple(positions), tuple(runs), tuple(extra), text[len(core) :])


def _newline_and_space_runs(core: str) -> list[tuple[int, int]]:
    """(start, end) of each run of spaces and newlines in `core` (which opens and
    ends with a word) that holds a newline or two spaces, in order."""
    found: dict[int, int] = {}
    for mark in ("\n", "  "):
        at = core.find(mark)
        while at >= 0:
            start, end = at, at + len(mark)
            while core[start - 1] in " \n":
                start -= 1
            while core[end] in " \n":
                end += 1
            found[start] = end
            at = core.find(mark, end)
    return sorted(found.items())


def same_flat(old: str, new: str) -> tuple[Flat, Flat] | None:
    """The texts read flat, when both read the same (the same words in order)."""
    if _solid(old) != _solid(new):
        # (Most texts differ in words; counted, they need not be read flat. Text
        # with other whitespace may be turned away too: it is diffed as before.)
        return None
    old_flat = flatten(old)
    if old_flat is None:
        return None
    new_flat = flatten(new)
    if new_flat is None or new_flat.text != old_flat.text:
        return None
    return old_flat, new_flat


def _solid(text: str) -> int:
    """Characters that are neither spaces nor newlines."""
    return len(text) - text.count(" ") - text.count("\n")


def break_changes(old_text: str, old: Flat, new: Flat) -> list[tuple[TokenOp, str]]:
    """The tokens' (op, text) of `old_text` (read as `old`) against the text read
    as `new`, when both read the same flat."""
    parts: list[tuple[TokenOp, str]] = []
    old_runs = dict(zip(old.positions, old.runs, strict=True))
    new_runs = dict(zip(new.positions, new.runs, strict=True))
    start = 0  # in old_text
    for at in sorted(old_runs.keys() | new_runs.keys()):
        old_run, new_run = old_runs.get(at, " "), new_runs.get(at, " ")
        if old_run == new_run:
            continue
        old_at = at + old.extra[bisect.bisect_left(old.positions, at)]
        parts += [
            (TokenOp.EQUAL, old_text[start:old_at]),
            (TokenOp.DELETE, old_run),
            (TokenOp.INSERT, new_run),
        ]
        start = old_at + len(old_run)
    parts.append((TokenOp.EQUAL, old_text[start : len(old_text) - len(old.tail)]))
    if old.tail == new.tail:
        parts.append((TokenOp.EQUAL, old.tail))
    else:
        parts += [(TokenOp.DELETE, old.tail), (TokenOp.INSERT, new.tail)]
    return parts
