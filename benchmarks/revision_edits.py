"""Seeded newsroom edits on real article texts, with the alignment they must produce.

No public gold set of aligned news revisions exists, so the alignment quality
benchmark (`benchmarks/alignment.py`) makes one: each revision is a real article
(the old version) and an edit script applied to it (the new version). Every new
paragraph is tracked through the script — which old paragraph(s) it came from,
whether its text changed, whether it moved — so the expected rows are known.

Edits (`EDIT_WEIGHTS`): number updates, sentences added to / dropped from a
paragraph, paragraphs inserted / deleted / moved / moved and edited, splits,
merges, quote/dash-style changes, case-only changes, typo fixes, a rewritten
lede; 1–5 per revision. Some revisions are wire swaps instead: the whole story
replaced by a different article (every paragraph removed and added, no pairs).

How the truth is kept unambiguous (each rule removes a case where two answers
would be equally right):

* Source paragraphs repeated within an article (after folding case, quotes and
  punctuation) are dropped, keeping the first: which "Advertisement" went where
  is unknowable.
* Paragraphs that change text, move, split or merge must be *distinctive*
  (sharing under half of their word pairs with any other paragraph of the
  article) and, for text edits, at least `MIN_EDIT_WORDS` words long, so the
  edited paragraph cannot be mistaken for a sibling; short ones ("Advertisement",
  subheads) are only deleted or case-changed. Each old paragraph takes at most
  one edit.
* Inserted paragraphs and added sentences come from other articles and share no
  five-word run (nor a whole paragraph) with the old version: they are really new.
  Wire-swap partners share none either.
* Every edit really changes the text; no new paragraph repeats another one.
* Moves: DESIGN.md says the paragraphs that moved are the fewest that explain
  the change, i.e. those outside a longest in-order chain. A revision is kept
  only when that chain is unique and its complement is exactly the set of
  paragraphs the script moved (so a paragraph moved next to where it was, or a
  move undone by deletions, is redrawn, never scored).
* Splits cut at sentence boundaries into parts of at least `MIN_PART_WORDS`
  words; merges join consecutive old paragraphs of that size (text order = old
  order). Split and merged paragraphs take no other edit and do not move.
* A typo fix puts the typo into the *old* version and the correct word in the
  new one (the source text is the corrected state).

Nothing here reads files: `alignment.py` loads the articles and passes them in.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import clean_text, fold_typography

MIN_EDIT_WORDS = 8
MIN_PART_WORDS = 5
WIRE_SWAP_SHARE = 0.07
EDITS_PER_REVISION = {1: 30, 2: 30, 3: 20, 4: 12, 5: 8}
EDIT_WEIGHTS = {
    "number_update": 14, "sentence_added": 12, "sentence_removed": 6, "paragraph_inserted": 12,
    "paragraph_deleted": 10, "moved": 7, "moved_edited": 5, "split": 6, "merged": 6,
    "quote_style": 7, "case_change": 5, "typo_fix": 7, "lede_rewrite": 4,
}  # fmt: skip
MINOR_EDITS = frozenset({"quote_style", "case_change"})
# Edits that may hit a paragraph another text edit already changed (a casualty
# paragraph often gets a new figure and a new sentence in one update), with
# this probability when such a paragraph exists.
STACKABLE_EDITS = frozenset(
    {"number_update", "sentence_added", "sentence_removed", "quote_style", "case_change"}
)
STACK_SHARE = 0.3
# Moves take a block of 1, 2 or 3 consecutive paragraphs (an editor moving a section).
MOVE_BLOCK_SIZES = {1: 70, 2: 20, 3: 10}
# Share of splits/merges whose result also gets a figure updated.
REGROUP_EDIT_SHARE = 0.25
# Inserted text and wire-swap partners: the closest in topic of this many candidates.
FRESH_CANDIDATES = 8


@dataclass(frozen=True, slots=True)
class Article:
    source: str  # "aeb:<id>" or "wcxb:<file>"
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Step:
    """One operation on the working paragraph list (positions at the time of the step).

    op: "replace" (texts[0] at position), "insert" (texts[0] before position),
    "delete", "move" (`count` paragraphs, at least 1, to `target`, counted after
    their removal), "split" (position becomes texts), "merge" (position and the
    next count-1 become texts[0]).
    """

    edit: str
    op: str
    position: int
    texts: tuple[str, ...] = ()
    target: int = 0
    count: int = 0


@dataclass(frozen=True, slots=True)
class TruthRow:
    kind: ChangeKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    minor: bool = False
    edits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Revision:
    number: int
    source: str
    old: Document
    new: Document
    edits: tuple[str, ...]
    script: tuple[Step, ...]
    truth: tuple[TruthRow, ...]

    @property
    def links(self) -> frozenset[tuple[int, int]]:
        return truth_links(self.truth)


def truth_links(rows: Sequence[TruthRow]) -> frozenset[tuple[int, int]]:
    return frozenset((i, j) for row in rows for i in row.old for j in row.new)


def apply_script(paragraphs: Sequence[str], script: Sequence[Step]) -> list[str]:
    """Replay an edit script (independent of the generator's bookkeeping, for tests)."""
    work = list(paragraphs)
    for step in script:
        p = step.position
        if step.op == "replace":
            work[p] = step.texts[0]
        elif step.op == "insert":
            work.insert(p, step.texts[0])
        elif step.op == "delete":
            del work[p]
        elif step.op == "move":
            block = work[p : p + max(1, step.count)]
            del work[p : p + len(block)]
            work[step.target : step.target] = block
        elif step.op == "split":
            work[p : p + 1] = step.texts
        elif step.op == "merge":
            work[p : p + step.count] = step.texts
        else:
            raise ValueError(step.op)
    return work


# -- text helpers -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Maj|Cpl|Adm|Prof|Rev|Mt|Ft|No"
    r"|Jr|Sr|vs|Inc|Corp|Co|Ltd|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z])\.$"
)
_WORDS = re.compile(r"\w+")
_NUMBER_WORDS = {"two": "three", "three": "four", "four": "five", "five": "six",
                 "six": "seven", "seven": "at least eight", "eight": "nine", "nine": "ten",
                 "ten": "at least 11", "dozens": "hundreds", "hundreds": "thousands"}  # fmt: skip
_NUMBER = re.compile(r"\b(\d{1,4})\b|\b(" + "|".join(_NUMBER_WORDS) + r")\b")


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (not cut after "Mr." or an initial)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[start : match.start()]):
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def prose(paragraph: str) -> list[str]:
    """Its sentences that end like sentences (not headings or list items), for adding."""
    return [s for s in sentences(paragraph) if s.rstrip('"”’)').endswith((".", "!", "?"))]


def words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def paragraph_key(text: str) -> str:
    """What two paragraphs share when they are 'the same' up to case, quotes and punctuation."""
    return " ".join(words(fold_typography(text)))


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[k : k + size]) for k in range(len(w) - size + 1)}


def _pairs(text: str) -> set[tuple[str, str]]:
    w = words(text)
    return set(itertools.pairwise(w))


class Unrelated:
    """Does a text share nothing with these paragraphs? No five-word run, no whole
    paragraph (up to case/quotes/punctuation), and no whole short paragraph of
    theirs inside it (a heading "Battery life" inside "Battery life lags behind
    Sony" would make a pairing arguable)."""

    def __init__(self, paragraphs: Sequence[str]) -> None:
        self.shingles = set().union(*(shingles(p) for p in paragraphs))
        self.keys = {paragraph_key(p) for p in paragraphs}
        self.short = [f" {k} " for k in self.keys if len(k.split()) < 5]

    def __call__(self, text: str) -> bool:
        key = paragraph_key(text)
        padded = f" {key} "
        return (
            key not in self.keys
            and not shingles(text) & self.shingles
            and not any(short in padded for short in self.short)
        )


def vocabulary(paragraphs: Sequence[str]) -> set[str]:
    return {w for p in paragraphs for w in words(p) if len(w) >= 4}


def topic_overlap(text: str, topic: set[str]) -> float:
    """Share of the text's longer words that the topic vocabulary holds."""
    mine = vocabulary([text])
    return len(mine & topic) / len(mine) if mine else 0.0


def clean_article(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Cleaned, non-empty paragraphs with repeats (by `paragraph_key`) dropped."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        text, key = clean_text(paragraph), paragraph_key(paragraph)
        if key and key not in seen:
            seen.add(key)
            kept.append(text)
    return tuple(kept)


def distinctive(paragraphs: Sequence[str]) -> list[bool]:
    """True for paragraphs sharing < half their word pairs with every other one."""
    sets = [_pairs(p) for p in paragraphs]
    flags = []
    for k, mine in enumerate(sets):
        flags.append(
            all(
                not mine or not other or len(mine & other) < 0.5 * min(len(mine), len(other))
                for m, other in enumerate(sets)
                if m != k
            )
        )
    return flags


# -- the generator ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """A paragraph of the working new version and where it came from."""

    text: str
    origin: tuple[int, ...]  # old indices, in the order their text appears here
    edits: tuple[str, ...] = ()
    moved: bool = False


class _Builder:
    """One revision under construction: the old version, the working new one, the script."""

    def __init__(self, article: Article, donors: Sequence[Article], rng: random.Random) -> None:
        self.rng = rng
        self.old = list(article.paragraphs)
        self.items = [_Item(text, (k,)) for k, text in enumerate(self.old)]
        self.script: list[Step] = []
        self.distinct = distinctive(self.old)
        self.unrelated = Unrelated(self.old)
        self.old_keys = {paragraph_key(p) for p in self.old}
        self.vocabulary = vocabulary(self.old)
        self.donors = donors

    def free(self, min_words: int = MIN_EDIT_WORDS, stacked: bool = False) -> list[int]:
        """Items an edit may touch: distinctive, long enough 1:1 paragraphs, untouched
        (or, with `stacked`, changed only by stackable text edits and not moved)."""
        return [
            pos
            for pos, item in enumerate(self.items)
            if len(item.origin) == 1
            and (
                set(item.edits) <= STACKABLE_EDITS and not item.moved if stacked else not item.edits
            )
            and bool(item.edits) == stacked
            and self.distinct[item.origin[0]]
            and len(item.text.split()) >= min_words
        ]

    def fresh_text(self, pick: Callable[[Article], list[str]]) -> str | None:
        """A sentence/paragraph from another article that shares no text with this one.

        Of up to `FRESH_CANDIDATES` such texts, the one sharing most vocabulary with
        the article: new text in a real update is about the same story, and
        same-topic text is what could tempt an aligner into a false pair.
        """
        found = []
        for _ in range(3 * FRESH_CANDIDATES):
            choices = [t for t in pick(self.rng.choice(self.donors)) if len(t.split()) >= 8]
            if not choices:
                continue
            text = clean_text(self.rng.choice(choices))
            if self.unrelated(text):
                found.append(text)
                if len(found) == FRESH_CANDIDATES:
                    break
        return max(found, key=lambda t: topic_overlap(t, self.vocabulary), default=None)

    def replace(self, pos: int, text: str, edit: str) -> bool:
        item = self.items[pos]
        minor = edit in MINOR_EDITS
        changed = clean_text(text) != clean_text(item.text)
        same_folded = fold_typography(text) == fold_typography(item.text)
        if not changed or minor != same_folded:
            # No edit at all, a "minor" edit that changed words, or a word edit that
            # only touched case/quotes: any of them would mislabel the truth.
            return False
        self.items[pos] = dataclasses.replace(item, text=text, edits=(*item.edits, edit))
        self.script.append(Step(edit, "replace", pos, (text,)))
        return True

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
            text = self.number_update(self.items[pos].text)
            if text is not None:
                self.replace(pos, text, edit)

    # -- text edits (return the new text or None) --

    def number_update(self, text: str) -> str | None:
        found = list(_NUMBER.finditer(text))
        if not found:
            return None
        match = self.rng.choice(found)
        if match.group(1):
            new = str(int(match.group(1)) + self.rng.randint(1, 5))
        else:
            new = _NUMBER_WORDS[match.group(2)]
        return text[: match.start()] + new + text[match.end() :]

    def sentence_added(self, text: str) -> str | None:
        sentence = self.fresh_text(lambda a: [s for p in a.paragraphs for s in prose(p)])
        if sentence is None:
            return None
        parts = sentences(text)
        at = self.rng.randint(1, len(parts))
        return " ".join([*parts[:at], sentence, *parts[at:]])

    def sentence_removed(self, text: str) -> str | None:
        parts = sentences(text)
        if len(parts) < 3:
            return None
        # Not the first sentence, and at most a third of the words: what is left is
        # unmistakably that paragraph (a trim, not a rewrite).
        drop = self.rng.randrange(1, len(parts))
        if len(parts[0].split()) < MIN_PART_WORDS or 3 * len(parts[drop].split()) > len(
            text.split()
        ):
            return None
        del parts[drop]
        return " ".join(parts)

    def typo_fix(self, pos: int) -> bool:
        # The old version gets the typo, so the new one holds the real (corrected) text.
        item = self.items[pos]
        candidates = [m for m in re.finditer(r"\b[a-z]{5,}\b", item.text)]
        if not candidates:
            return False
        m = self.rng.choice(candidates)
        k = self.rng.randrange(1, len(m.group()) - 2)
        word = m.group()
        typo = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        if typo == word:
            return False
        old_text = item.text[: m.start()] + typo + item.text[m.end() :]
        self.old[item.origin[0]] = old_text
        self.items[pos] = dataclasses.replace(item, text=old_text)
        return self.replace(pos, item.text, "typo_fix")

    def quote_style(self, text: str) -> str | None:
        if re.search("[“”‘’—–]", text):
            out = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
            return out.replace("—", " – ") if self.rng.random() < 0.3 else out
        if re.search("[\"']", text):
            out = re.sub(r'"([^"]*)"', "“\\1”", text)
            return out.replace("'", "’")
        if " - " in text:
            return text.replace(" - ", "—")
        return None

    def case_change(self, text: str) -> str | None:
        found = list(re.finditer(r"(?<=[a-z,;] )([A-Za-z][a-z]{3,})\b", text))
        if not found:
            return None
        m = self.rng.choice(found)
        word = m.group(1)
        swapped = word.lower() if word[0].isupper() else word.capitalize()
        return text[: m.start(1)] + swapped + text[m.end(1) :]

    def lede_rewrite(self, text: str) -> str | None:
        parts = sentences(text)
        if len(parts) < 2 or max(len(p.split()) for p in parts[1:]) < MIN_EDIT_WORDS:
            return None
        sentence = self.fresh_text(lambda a: prose(a.paragraphs[0]))
        return None if sentence is None else " ".join([sentence, *parts[1:]])

    # -- one newsroom edit --

    def apply(self, edit: str) -> bool:
        rng = self.rng
        if edit == "paragraph_inserted":
            text = self.fresh_text(lambda a: list(a.paragraphs))
            if text is None:
                return False
            pos = rng.randint(0, len(self.items))
            self.items.insert(pos, _Item(text, (), (edit,)))
            self.script.append(Step(edit, "insert", pos, (text,)))
            return True
        if edit == "paragraph_deleted":
            candidates = [p for p, i in enumerate(self.items) if len(i.origin) == 1 and not i.edits]
            if len(self.items) < 3 or not candidates:
                return False
            pos = rng.choice(candidates)
            del self.items[pos]
            self.script.append(Step(edit, "delete", pos))
            return True
        if edit == "merged":
            free = set(self.free(MIN_PART_WORDS))
            starts = [
                p
                for p in free
                if p + 1 in free and self.items[p + 1].origin[0] == self.items[p].origin[0] + 1
            ]
            if not starts:
                return False
            pos = rng.choice(starts)
            a, b = self.items[pos], self.items[pos + 1]
            merged = _Item(a.text + " " + b.text, a.origin + b.origin, (edit,))
            self.items[pos : pos + 2] = [merged]
            self.script.append(Step(edit, "merge", pos, (merged.text,), count=2))
            self.figure_in_regrouped(pos, edit)
            return True
        if edit == "split":
            options = []
            for pos in self.free(2 * MIN_PART_WORDS):
                parts = sentences(self.items[pos].text)
                cuts = [
                    k
                    for k in range(1, len(parts))
                    if len(" ".join(parts[:k]).split()) >= MIN_PART_WORDS
                    and len(" ".join(parts[k:]).split()) >= MIN_PART_WORDS
                ]
                if cuts:
                    options.append((pos, parts, rng.choice(cuts)))
            if not options:
                return False
            pos, parts, cut = rng.choice(options)
            halves = (" ".join(parts[:cut]), " ".join(parts[cut:]))
            origin = self.items[pos].origin
            self.items[pos : pos + 1] = [_Item(h, origin, (edit,)) for h in halves]
            self.script.append(Step(edit, "split", pos, halves))
            self.figure_in_regrouped(pos + rng.randrange(2), edit)
            return True
        if edit == "typo_fix":
            free = self.free()
            return bool(free) and self.typo_fix(rng.choice(free))
        if edit == "moved":
            size = rng.choices(list(MOVE_BLOCK_SIZES), list(MOVE_BLOCK_SIZES.values()))[0]
            free = set(self.free(1))
            starts = [p for p in free if all(p + k in free for k in range(size))]
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
            free = self.free(3 if edit == "case_change" else MIN_EDIT_WORDS, stacked=True) or free
        if edit == "moved_edited":
            free = [p for p in free if self.move_targets(p)]
            if not free:
                return False
            pos = rng.choice(free)
            how = rng.choice(["number_update", "sentence_added", "sentence_removed"])
            text = getattr(self, how)(self.items[pos].text)
            return text is not None and self.replace(pos, text, edit) and self.move(pos, edit)
        rng.shuffle(free)
        for pos in free[:8]:
            text = getattr(self, edit)(self.items[pos].text)
            if text is not None:
                return self.replace(pos, text, edit)
        return False

    def truth(self) -> tuple[TruthRow, ...] | None:
        """The expected rows, or None when the revision's truth would be ambiguous."""
        new_keys = [paragraph_key(i.text) for i in self.items]
        if len(set(new_keys)) < len(new_keys):
            return None  # a new paragraph repeats another one
        old_keys = [paragraph_key(p) for p in self.old]  # typo fixes changed some
        for item in self.items:  # a changed paragraph must not equal some other old one
            others = set(old_keys) - {old_keys[o] for o in item.origin}
            if item.origin and paragraph_key(item.text) in others:
                return None
        # One chain element per 1:1 item and per split/merge group.
        groups: dict[tuple[int, ...], list[int]] = {}
        for j, item in enumerate(self.items):
            if item.origin:
                groups.setdefault(item.origin, []).append(j)
        elements = sorted((js[0], origin[0], js) for origin, js in groups.items())
        in_chain = _unique_longest_chain([old for _, old, _ in elements])
        if in_chain is None:
            return None
        rows = []
        for (_, _, js), chained in zip(elements, in_chain, strict=True):
            origin = self.items[js[0]].origin
            edits = tuple(dict.fromkeys(e for j in js for e in self.items[j].edits))
            if len(origin) > 1 or len(js) > 1:
                if not chained:
                    return None  # splits/merges are never moved by the script
                kind = ChangeKind.MERGED if len(origin) > 1 else ChangeKind.SPLIT
                rows.append(TruthRow(kind, origin, tuple(js), edits=edits))
                continue
            item = self.items[js[0]]
            if item.moved == chained:
                return None  # the fewest-moves explanation differs from the script
            edited = clean_text(item.text) != clean_text(self.old[origin[0]])
            if item.moved:
                kind = ChangeKind.MOVED_EDITED if edited else ChangeKind.MOVED
            else:
                kind = ChangeKind.EDITED if edited else ChangeKind.UNCHANGED
            minor = edited and set(item.edits) <= MINOR_EDITS
            rows.append(TruthRow(kind, origin, tuple(js), minor, edits))
        for j, item in enumerate(self.items):
            if not item.origin:
                rows.append(TruthRow(ChangeKind.ADDED, (), (j,), edits=item.edits))
        kept = {o for item in self.items for o in item.origin}
        for i in range(len(self.old)):
            if i not in kept:
                rows.append(TruthRow(ChangeKind.REMOVED, (i,), (), edits=("paragraph_deleted",)))
        return tuple(rows)


def _unique_longest_chain(sequence: Sequence[int]) -> list[bool] | None:
    """Membership of each element in the longest increasing subsequence, None if not unique.

    An element lies on some longest chain iff (longest chain ending there) +
    (longest chain starting there) - 1 equals the overall length; the chain is
    unique iff exactly that many elements do. O(n²), fine for articles.
    """
    n = len(sequence)
    ending = [1] * n
    for k in range(n):
        for m in range(k):
            if sequence[m] < sequence[k]:
                ending[k] = max(ending[k], ending[m] + 1)
    starting = [1] * n
    for k in reversed(range(n)):
        for m in range(k + 1, n):
            if sequence[m] > sequence[k]:
                starting[k] = max(starting[k], starting[m] + 1)
    best = max(ending, default=0)
    on_chain = [ending[k] + starting[k] - 1 == best for k in range(n)]
    return on_chain if sum(on_chain) == best else None


def _wire_swap(article: Article, donors: Sequence[Article], rng: random.Random) -> Revision | None:
    unrelated = Unrelated(article.paragraphs)
    # The closest in vocabulary of a few unrelated articles: another agency's copy
    # of the story shares its topic and names, never its sentences.
    found: list[Article] = []
    for _ in range(3 * FRESH_CANDIDATES):
        other = rng.choice(donors)
        if other.source == article.source or len(other.paragraphs) < 3:
            continue
        if all(map(unrelated, other.paragraphs)) and all(
            map(Unrelated(other.paragraphs), article.paragraphs)
        ):
            found.append(other)
            if len(found) == FRESH_CANDIDATES:
                break
    topic = vocabulary(article.paragraphs)
    if found:
        other = max(found, key=lambda a: topic_overlap(" ".join(a.paragraphs), topic))
        new = other.paragraphs[: max(3, len(article.paragraphs) + rng.randint(-3, 3))]
        truth = (
            *(TruthRow(ChangeKind.ADDED, (), (j,), edits=("wire_swap",)) for j in range(len(new))),
            *(
                TruthRow(ChangeKind.REMOVED, (i,), (), edits=("wire_swap",))
                for i in range(len(article.paragraphs))
            ),
        )
        script = (
            *(Step("wire_swap", "delete", 0) for _ in article.paragraphs),
            *(Step("wire_swap", "insert", j, (t,)) for j, t in enumerate(new)),
        )
        return Revision(
            0,
            article.source,
            Document(article.title, article.paragraphs),
            Document(other.title, tuple(new)),
            ("wire_swap",),
            script,
            truth,
        )
    return None


def make_revision(
    number: int, article: Article, donors: Sequence[Article], rng: random.Random
) -> Revision | None:
    """One revision of a `clean_article`ed article, or None when no clean truth was found."""
    if rng.random() < WIRE_SWAP_SHARE:
        swap = _wire_swap(article, donors, rng)
        return None if swap is None else dataclasses.replace(swap, number=number)
    for _ in range(10):
        builder = _Builder(article, donors, rng)
        count = rng.choices(list(EDITS_PER_REVISION), list(EDITS_PER_REVISION.values()))[0]
        applied: list[str] = []
        for _ in range(4 * count):
            if len(applied) == count:
                break
            edit = rng.choices(list(EDIT_WEIGHTS), list(EDIT_WEIGHTS.values()))[0]
            if builder.apply(edit):
                applied.append(edit)
        truth = builder.truth() if applied else None
        if truth is not None:
            new = tuple(item.text for item in builder.items)
            return Revision(
                number,
                article.source,
                Document(article.title, tuple(builder.old)),
                Document(article.title, new),
                tuple(applied),
                tuple(builder.script),
                truth,
            )
    return None


def generate(articles: Sequence[Article], count: int, seed: int) -> list[Revision]:
    """`count` revisions of random articles (≥ 3 paragraphs), deterministic for a seed.

    The corpus (the part of `source` before ":") is drawn first, each with equal
    chance, then an article in it: otherwise WCXB's 793 pages, many of them long
    how-tos and listicles, would outweigh AEB's 181 news articles four to one.
    """
    rng = random.Random(seed)
    usable = [a for a in articles if len(a.paragraphs) >= 3]
    corpora: dict[str, list[Article]] = {}
    for article in usable:
        corpora.setdefault(article.source.split(":")[0], []).append(article)
    revisions: list[Revision] = []
    for _ in range(20 * count):
        if len(revisions) == count:
            break
        article = rng.choice(corpora[rng.choice(sorted(corpora))])
        revision = make_revision(len(revisions), article, usable, rng)
        if revision is not None:
            revisions.append(revision)
    return revisions  # shorter than `count` only for a pool too small to edit
