"""The revision generator's working state: `_Builder` applies one newsroom edit at a
time to a working copy of an article and keeps track of where each new paragraph
came from (see `revision_edits.py` for the edit mix and the rules that keep the
truth unambiguous; `revision_rewrites.py` for the rewrite edits)."""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Callable, Sequence

from benchmarks.revision_facts import edit_flags
from benchmarks.revision_rewrites import (
    agency_rewrite,
    list_cut,
    mojibake,
    noise_emphasis,
    noise_sentence,
    sentence_moved_far,
    sentence_split,
    sentences_joined,
)
from benchmarks.revision_script import (
    MINOR_EDITS,
    Article,
    Step,
    Tracked,
    either,
)
from benchmarks.revision_text import (
    MIN_PART_WORDS,
    Unrelated,
    case_change,
    distinctive,
    number_update,
    paragraph_key,
    prose,
    quote_style,
    rephrased,
    sentence_removed,
    sentences,
    topic_overlap,
    vocabulary,
    with_typo,
    word_count,
)
from newsdiff_gui.core.normalize import clean_text, fold_typography

MIN_EDIT_WORDS = 8
TEXT_EDITS: dict[str, Callable[[str, random.Random], str | None]] = {
    "number_update": number_update,
    "sentence_removed": sentence_removed,
    "quote_style": quote_style,
    "case_change": case_change,
    "noise_emphasis": noise_emphasis,
    "sentence_split": sentence_split,
    "sentences_joined": sentences_joined,
}
# A text edit hits a paragraph another text edit already changed (a casualty
# paragraph often gets a new figure and a new sentence in one update) with this
# probability when such a paragraph exists. Light edits stack on anything; a
# paragraph takes at most one heavy edit, so a short paragraph rephrased *and*
# grown by a sentence (which no reader could still call the same paragraph with
# confidence) never occurs.
STACK_SHARE = 0.3
LIGHT_EDITS = frozenset(
    {"number_update", "quote_style", "case_change", "mojibake", "noise_emphasis"}
)
HEAVY_EDITS = frozenset(
    {
        "sentence_added", "sentence_removed", "rephrased", "sentence_moved", "noise_sentence",
        "sentence_split", "sentences_joined",
    }
)  # fmt: skip
STACKABLE_EDITS = LIGHT_EDITS | HEAVY_EDITS
REWRITES: dict[str, Callable[[_Builder], bool]] = {}  # filled below the builder
# Moves, insertions and deletions take a block of 1, 2 or 3 consecutive paragraphs
# (an editor moving, adding or cutting a section).
BLOCK_SIZES = {1: 70, 2: 20, 3: 10}
# Splits make 2 or 3 paragraphs of one, merges 1 of 2 or 3.
REGROUP_SIZES = {2: 80, 3: 20}
# Share of splits/merges whose result also gets a figure updated.
REGROUP_EDIT_SHARE = 0.25
# Inserted text and wire-swap partners: the closest in topic of this many candidates.
FRESH_CANDIDATES = 8


# -- the generator ------------------------------------------------------------------------


def can_stack(edit: str, item: Tracked) -> bool:
    edits = set(item.edits)
    return (
        not item.moved
        and edits <= STACKABLE_EDITS
        and (edit in LIGHT_EDITS or edits <= LIGHT_EDITS)
    )


class _Builder:
    """One revision under construction: the old version, the working new one, the script."""

    def __init__(self, article: Article, donors: Sequence[Article], rng: random.Random) -> None:
        self.rng = rng
        self.old = list(article.paragraphs)
        self.items = [Tracked(text, (k,)) for k, text in enumerate(self.old)]
        self.script: list[Step] = []
        self.distinct = distinctive(self.old)
        self.unrelated = Unrelated(self.old)
        self.old_keys = {paragraph_key(p) for p in self.old}
        self.vocabulary = vocabulary(self.old)
        self.donors = donors

    def reset_old(self) -> None:
        """After a paragraph was put into the old version (before any edit)."""
        self.items = [Tracked(text, (k,)) for k, text in enumerate(self.old)]
        self.distinct = distinctive(self.old)
        self.unrelated = Unrelated(self.old)
        self.old_keys = {paragraph_key(p) for p in self.old}

    def free(self, min_words: int = MIN_EDIT_WORDS, stacked: str = "") -> list[int]:
        """Items an edit may touch: distinctive, long enough 1:1 paragraphs, untouched
        (or, with `stacked` naming an edit, ones that edit may stack on)."""
        return [
            pos
            for pos, item in enumerate(self.items)
            if len(item.origin) == 1
            and (can_stack(stacked, item) if stacked else not item.edits)
            and bool(item.edits) == bool(stacked)
            and self.distinct[item.origin[0]]
            and word_count(self.old[item.origin[0]]) >= min_words  # as first written
        ]

    def fresh(self, pick: Callable[[tuple[str, ...]], list[tuple[str, ...]]]) -> tuple[str, ...]:
        """Text from another article that shares nothing with this one: one of the runs
        `pick` offers from a donor's paragraphs (a sentence, a few paragraphs).

        Of up to `FRESH_CANDIDATES` such runs, the one sharing most vocabulary with
        the article: new text in a real update is about the same story, and
        same-topic text is what could tempt an aligner into a false pair. Empty
        when none was found.
        """
        found = []
        for _ in range(3 * FRESH_CANDIDATES):
            choices = pick(self.rng.choice(self.donors).paragraphs)
            run = tuple(clean_text(t) for t in self.rng.choice(choices)) if choices else ()
            if run and all(word_count(t) >= 8 and self.unrelated(t) for t in run):
                found.append(run)
                if len(found) == FRESH_CANDIDATES:
                    break
        return max(found, key=lambda r: topic_overlap(" ".join(r), self.vocabulary), default=())

    def fresh_sentence(self, pick: Callable[[tuple[str, ...]], list[str]]) -> str | None:
        run = self.fresh(lambda paragraphs: [(s,) for s in pick(paragraphs)])
        return run[0] if run else None

    def replace(self, pos: int, text: str, edit: str) -> bool:
        item = self.items[pos]
        minor = edit in MINOR_EDITS
        changed = clean_text(text) != clean_text(item.text)
        # Mis-decoding changes the letters, not what they were meant to be.
        same_folded = edit == "mojibake" or fold_typography(text) == fold_typography(item.text)
        if not changed or minor != same_folded:
            # No edit at all, a "minor" edit that changed words, or a word edit that
            # only touched case/quotes: any of them would mislabel the truth.
            return False
        numbers, quotes = edit_flags(edit, item.text, text)
        self.items[pos] = dataclasses.replace(
            item,
            text=text,
            edits=(*item.edits, edit),
            numbers=either(item.numbers, numbers),
            quotes=either(item.quotes, quotes),
        )
        self.script.append(Step(edit, "replace", pos, (text,)))
        return True

    def gaps(self) -> list[int]:
        """Positions to insert at: not inside the new paragraphs of one split or regrouping."""
        items = self.items
        return [
            k
            for k in range(len(items) + 1)
            if k in (0, len(items)) or not items[k].origin or items[k - 1].origin != items[k].origin
        ]

    def move_targets(self, pos: int, size: int = 1) -> list[int]:
        # At least 3 places away: a paragraph swapped with its neighbour has two
        # equally short explanations (the truth check would reject it anyway).
        rest = len(self.items) - size
        return [t for t in range(rest + 1) if t <= pos - 3 or t >= pos + 3]

    def move(self, pos: int, edit: str, size: int = 1) -> bool:
        targets = self.move_targets(pos, size)
        if not targets:
            return False
        target = self.rng.choice(targets)
        block = [
            dataclasses.replace(i, moved=True, edits=(*i.edits, edit))
            for i in self.items[pos : pos + size]
        ]
        del self.items[pos : pos + size]
        self.items[target:target] = block
        self.script.append(Step(edit, "move", pos, target=target, count=size))
        return True

    def figure_in_regrouped(self, pos: int, edit: str) -> None:
        """Sometimes a split part or merged paragraph also gets a figure updated."""
        if self.rng.random() < REGROUP_EDIT_SHARE:
            text = number_update(self.items[pos].text, self.rng)
            if text is not None:
                self.replace(pos, text, edit)

    # -- text edits (return the new text or None) --

    def sentence_added(self, text: str) -> str | None:
        sentence = self.fresh_sentence(lambda paragraphs: [s for p in paragraphs for s in prose(p)])
        if sentence is None:
            return None
        parts = sentences(text)
        at = self.rng.randint(1, len(parts))
        return " ".join([*parts[:at], sentence, *parts[at:]])

    def typo_fix(self, pos: int) -> bool:
        # The old version gets the typo, so the new one holds the real (corrected) text.
        item = self.items[pos]
        old_text = with_typo(item.text, self.rng)
        if old_text is None:
            return False
        self.old[item.origin[0]] = old_text
        self.items[pos] = dataclasses.replace(item, text=old_text)
        return self.replace(pos, item.text, "typo_fix")

    def sentence_moved(self) -> bool:
        """A sentence moved across a paragraph break (the last of one paragraph opens
        the next, or back): two edited paragraphs, neither split nor merged. The
        sentence is at most a third of either paragraph, so each stays itself."""
        free = set(self.free())
        options = []
        for p in sorted(free):
            a, b = self.items[p], self.items[p + 1] if p + 1 in free else None
            if b is None or b.origin[0] != a.origin[0] + 1:
                continue
            first, second = sentences(a.text), sentences(b.text)
            smaller = min(word_count(a.text), word_count(b.text))
            if len(first) >= 3 and 3 * word_count(first[-1]) <= smaller:
                options.append((p, first[:-1], [first[-1], *second]))
            if len(second) >= 3 and 3 * word_count(second[0]) <= smaller:
                options.append((p, [*first, second[0]], second[1:]))
        if not options:
            return False
        p, first, second = self.rng.choice(options)
        if not (
            self.replace(p, " ".join(first), "sentence_moved")
            and self.replace(p + 1, " ".join(second), "sentence_moved")
        ):
            return False
        # One regrouped row over the two is as right as two edited rows.
        for q in (p, p + 1):
            self.items[q] = dataclasses.replace(self.items[q], cluster=len(self.script))
        return True

    def text_edit(self, edit: str, text: str) -> str | None:
        if edit == "sentence_added":
            return self.sentence_added(text)
        if edit == "lede_rewrite":
            return self.lede_rewrite(text)
        if edit == "noise_sentence":
            return noise_sentence(self, text)
        if edit == "rephrased":
            donor = self.rng.choice(self.rng.choice(self.donors).paragraphs).split()
            return rephrased(text, donor, self.rng)
        return TEXT_EDITS[edit](text, self.rng)

    def lede_rewrite(self, text: str) -> str | None:
        parts = sentences(text)
        if len(parts) < 2 or max(map(word_count, parts[1:])) < MIN_EDIT_WORDS:
            return None
        sentence = self.fresh_sentence(lambda paragraphs: prose(paragraphs[0]))
        return None if sentence is None else " ".join([sentence, *parts[1:]])

    # -- one newsroom edit --

    def apply(self, edit: str) -> bool:
        rng = self.rng
        size = rng.choices(list(BLOCK_SIZES), list(BLOCK_SIZES.values()))[0]
        if edit == "paragraph_inserted":
            run = self.fresh(lambda ps: [ps[k : k + size] for k in range(len(ps) - size + 1)])
            if not run:
                return False
            pos = rng.choice(self.gaps())
            self.items[pos:pos] = [Tracked(text, (), (edit,)) for text in run]
            self.script += [Step(edit, "insert", pos + k, (t,)) for k, t in enumerate(run)]
            return True
        if edit == "paragraph_deleted":
            untouched = {p for p, i in enumerate(self.items) if len(i.origin) == 1 and not i.edits}
            starts = [p for p in untouched if all(p + k in untouched for k in range(size))]
            if len(self.items) < size + 2 or not starts:
                return False
            pos = rng.choice(starts)
            del self.items[pos : pos + size]
            self.script += [Step(edit, "delete", pos)] * size
            return True
        if edit == "merged":
            size = rng.choices(list(REGROUP_SIZES), list(REGROUP_SIZES.values()))[0]
            mergeable = set(self.free(MIN_PART_WORDS))
            starts = [
                p
                for p in sorted(mergeable)
                if all(
                    p + k in mergeable
                    and self.items[p + k].origin[0] == self.items[p].origin[0] + k
                    for k in range(size)
                )
            ]
            if not starts:
                return False
            pos = rng.choice(starts)
            group = self.items[pos : pos + size]
            merged = Tracked(
                " ".join(i.text for i in group), tuple(i.origin[0] for i in group), (edit,)
            )
            self.items[pos : pos + size] = [merged]
            self.script.append(Step(edit, "merge", pos, (merged.text,), count=size))
            # A figure changed in a short part would leave too little of it verbatim
            # to call the merge certain ("Viera d. Melbourne 1-0" -> "... 6-0 ...").
            if min(word_count(i.text) for i in group) >= MIN_EDIT_WORDS:
                self.figure_in_regrouped(pos, edit)
            return True
        if edit == "split":
            size = rng.choices(list(REGROUP_SIZES), list(REGROUP_SIZES.values()))[0]
            options = []
            for pos in self.free(size * MIN_PART_WORDS):
                parts = sentences(self.items[pos].text)
                for cuts in itertools.combinations(range(1, min(len(parts), 30)), size - 1):
                    bounds = (0, *cuts, len(parts))
                    pieces = tuple(" ".join(parts[a:b]) for a, b in itertools.pairwise(bounds))
                    if min(map(word_count, pieces)) >= MIN_PART_WORDS:
                        options.append((pos, pieces))
            if not options:
                return False
            pos, pieces = rng.choice(options)
            origin = self.items[pos].origin
            self.items[pos : pos + 1] = [Tracked(p, origin, (edit,)) for p in pieces]
            self.script.append(Step(edit, "split", pos, pieces))
            long_parts = [k for k, p in enumerate(pieces) if word_count(p) >= MIN_EDIT_WORDS]
            if long_parts:
                self.figure_in_regrouped(pos + rng.choice(long_parts), edit)
            return True
        if edit == "sentence_moved":
            return self.sentence_moved()
        if edit in REWRITES:
            return REWRITES[edit](self)
        if edit == "mojibake":
            return mojibake(self, rng.random() < STACK_SHARE)
        if edit == "typo_fix":
            free = self.free()
            return bool(free) and self.typo_fix(rng.choice(free))
        if edit == "moved":
            movable = set(self.free(1))
            starts = [p for p in sorted(movable) if all(p + k in movable for k in range(size))]
            starts = [
                p
                for p in starts
                if self.items[p + size - 1].origin[0] - size + 1 == self.items[p].origin[0]
            ]
            return bool(starts) and self.move(rng.choice(starts), edit, size)
        if edit == "case_change":
            free = self.free(3)
        elif edit == "lede_rewrite":
            free = [p for p in self.free() if self.items[p].origin == (0,)]
        else:
            free = self.free()
        if edit in STACKABLE_EDITS and rng.random() < STACK_SHARE:
            free = self.free(3 if edit == "case_change" else MIN_EDIT_WORDS, stacked=edit) or free
        if edit == "moved_edited":
            free = [p for p in free if self.move_targets(p)]
            if not free:
                return False
            pos = rng.choice(free)
            how = rng.choice(["number_update", "sentence_added", "sentence_removed"])
            text = self.text_edit(how, self.items[pos].text)
            return text is not None and self.replace(pos, text, edit) and self.move(pos, edit)
        rng.shuffle(free)
        for pos in free[:8]:
            text = self.text_edit(edit, self.items[pos].text)
            if text is not None:
                return self.replace(pos, text, edit)
        return False


REWRITES.update(
    agency_rewrite=agency_rewrite, sentence_moved_far=sentence_moved_far, list_cut=list_cut
)
