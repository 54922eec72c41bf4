"""Revisions as data: the edit script, the tracked paragraphs and the truth they imply.

Shared by the generator (`revision_edits.py`), the scorer (`alignment.py`) and
the tests. `apply_script` replays a script without the generator's bookkeeping,
so tests can check that the tracked new version is what the script produces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.revision_facts import lone_quote
from benchmarks.revision_text import paragraph_key
from newsdiff_gui.core.align import ChangeKind
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import clean_text

# Edits after which a paragraph differs only in quote/dash style, case or mis-decoding,
# and the reason a row of each alone must give (`Row.minor_reason`).
MINOR_REASONS = {
    "quote_style": "quotes_dashes",
    "case_change": "letter_case",
    "mojibake": "mis_decoding",
}
MINOR_EDITS = frozenset(MINOR_REASONS)


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
    """An expected row. `numbers`/`quotes`: must the row (or a moved-in sentence in it)
    carry `numbers_changed`/`quote_changed`; None where either answer is defensible
    (not scored). `cluster`: rows of paragraphs that exchanged a sentence with a
    neighbour, which one `regrouped` row over their union accounts for as well."""

    kind: ChangeKind
    old: tuple[int, ...]
    new: tuple[int, ...]
    minor: bool = False
    edits: tuple[str, ...] = ()
    numbers: bool | None = False
    quotes: bool | None = False
    cluster: int = -1

    @property
    def minor_reason(self) -> str | None:
        """The reason a minor row must give, None when not minor or when edits mix reasons."""
        reasons = {MINOR_REASONS.get(e) for e in self.edits}
        return reasons.pop() if self.minor and len(reasons) == 1 else None


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


@dataclass(frozen=True, slots=True)
class Tracked:
    """A paragraph of the working new version and where it came from."""

    text: str
    origin: tuple[int, ...]  # old indices, in the order their text appears here
    edits: tuple[str, ...] = ()
    moved: bool = False
    numbers: bool | None = False  # see TruthRow
    quotes: bool | None = False
    cluster: int = -1


def either(a: bool | None, b: bool | None) -> bool | None:
    """Two edits' flags on one paragraph: True wins, then "not scored", then False."""
    if a or b:
        return True
    return None if a is None or b is None else False


def truth_rows(
    old: Sequence[str], items: Sequence[Tracked], removed_by: str = "paragraph_deleted"
) -> tuple[TruthRow, ...] | None:
    """The expected rows of the new version `items` of `old`, or None when they would be
    ambiguous (a repeated paragraph; moves whose fewest explanation is not unique or
    not the paragraphs the script moved)."""
    new_keys = [paragraph_key(i.text) for i in items]
    if len(set(new_keys)) < len(new_keys):
        return None  # a new paragraph repeats another one
    old_keys = [paragraph_key(p) for p in old]  # typo fixes changed some
    for item in items:  # a changed paragraph must not equal some other old one
        others = set(old_keys) - {old_keys[o] for o in item.origin}
        if item.origin and paragraph_key(item.text) in others:
            return None
    # One chain element per 1:1 item and per split/merge group.
    groups: dict[tuple[int, ...], list[int]] = {}
    for j, item in enumerate(items):
        if item.origin:
            groups.setdefault(item.origin, []).append(j)
    elements = sorted((js[0], origin[0], js) for origin, js in groups.items())
    in_chain = unique_longest_chain([old for _, old, _ in elements])
    if in_chain is None:
        return None
    rows = []
    for (_, _, js), chained in zip(elements, in_chain, strict=True):
        origin = items[js[0]].origin
        edits = tuple(dict.fromkeys(e for j in js for e in items[j].edits))
        numbers: bool | None = False
        quotes: bool | None = False
        for j in js:
            numbers, quotes = either(numbers, items[j].numbers), either(quotes, items[j].quotes)
        if len(origin) > 1 or len(js) > 1:
            if not chained:
                return None  # splits/merges are never moved by the script
            kind = _GROUP_KINDS[len(origin) > 1, len(js) > 1]
            rows.append(TruthRow(kind, origin, tuple(js), False, edits, numbers, quotes))
            continue
        item = items[js[0]]
        if item.moved == chained:
            return None  # the fewest-moves explanation differs from the script
        edited = clean_text(item.text) != clean_text(old[origin[0]])
        if item.moved:
            kind = ChangeKind.MOVED_EDITED if edited else ChangeKind.MOVED
        else:
            kind = ChangeKind.EDITED if edited else ChangeKind.UNCHANGED
        minor = edited and set(item.edits) <= MINOR_EDITS
        rows.append(TruthRow(kind, origin, tuple(js), minor, edits, numbers, quotes, item.cluster))
    new_texts = [item.text for item in items]
    for j, item in enumerate(items):
        if not item.origin:
            quotes = lone_quote(item.text, old)
            rows.append(TruthRow(ChangeKind.ADDED, (), (j,), False, item.edits, None, quotes))
    kept = {o for item in items for o in item.origin}
    for i in range(len(old)):
        if i not in kept:
            quotes = lone_quote(old[i], new_texts)
            rows.append(TruthRow(ChangeKind.REMOVED, (i,), (), False, (removed_by,), None, quotes))
    return tuple(rows)


_GROUP_KINDS = {
    (True, False): ChangeKind.MERGED,
    (False, True): ChangeKind.SPLIT,
    (True, True): ChangeKind.REGROUPED,
}


def unique_longest_chain(sequence: Sequence[int]) -> list[bool] | None:
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
