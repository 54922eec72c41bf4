"""Scoring one aligner's rows against a generated revision's truth (see `alignment.py`).

Definitions (summed over revisions):

* pairs: links (old i, new j) of every row with both sides, against the truth's;
* kind accuracy: a truth row is right when the prediction has a row of the same
  kind with the same old and new paragraph sets. Accepted accounts: a truth
  `regrouped` row (an agency rewrite gathering sentences into a new lede) only
  as one `regrouped` row over the same paragraphs; a truth `split` (`merged`)
  only as that split (merge); two paragraphs that exchanged one sentence across
  their break (a truth *cluster* of two `edited` rows) either as those two
  edited rows or as one `regrouped` row over both — the scorer takes whichever
  the prediction chose, for kinds and for links alike;
* flags: `numbers_changed` and `quote_changed` precision and recall over truth
  rows whose answer is defined (`TruthRow.numbers`/`quotes` not None). A truth
  row counts as flagged when a predicted row holding any of its paragraphs
  carries the flag, itself or on a `moved_in` token (an edited moved sentence
  carries its own flags where it now stands);
* `minor_reason`: on minor rows predicted right whose edits give one reason;
* sentence-level false claims, wire swaps with pairs and invariant violations
  are added by `alignment.run`, which has the whole diff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.revision_script import TruthRow, truth_links
from newsdiff_gui.core.align import ChangeKind, Row, TokenOp

CHANGE_KINDS = [k for k in ChangeKind if k is not ChangeKind.UNCHANGED]


@dataclass
class Score:
    """Counts summed over revisions (one per aligner)."""

    true_links: int = 0
    predicted_links: int = 0
    correct_links: int = 0
    rows: Counter[str] = field(default_factory=Counter)  # truth rows per kind
    right: Counter[str] = field(default_factory=Counter)  # ...predicted exactly
    edit_rows: Counter[str] = field(default_factory=Counter)  # truth rows per edit type
    edit_right: Counter[str] = field(default_factory=Counter)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    false_claims: int = 0
    invented_pairs: int = 0
    diffs_violating: int = 0
    violations: int = 0
    minor_checked: int = 0
    minor_agree: int = 0
    reason_checked: int = 0
    reason_agree: int = 0
    numbers_rows: int = 0
    numbers_flagged: int = 0
    flags: Counter[str] = field(default_factory=Counter)  # "numbers tp", "quotes fn", ...
    sentence_claims: float = 0.0
    sentence_claims_by_edit: Counter[str] = field(default_factory=Counter)
    wire_swaps: int = 0
    wire_swaps_paired: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def precision(self) -> float:
        return self.correct_links / self.predicted_links if self.predicted_links else 1.0

    @property
    def recall(self) -> float:
        return self.correct_links / self.true_links if self.true_links else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def kind_accuracy(self, kind: str) -> float | None:
        return self.right[kind] / self.rows[kind] if self.rows[kind] else None

    @property
    def macro_kind_accuracy(self) -> float:
        values = [self.kind_accuracy(k.value) for k in CHANGE_KINDS]
        present = [v for v in values if v is not None]
        return sum(present) / len(present) if present else 1.0

    @property
    def changed_row_accuracy(self) -> float:
        total = sum(self.rows[k.value] for k in CHANGE_KINDS)
        return sum(self.right[k.value] for k in CHANGE_KINDS) / total if total else 1.0

    @property
    def all_row_accuracy(self) -> float:
        total = sum(self.rows.values())
        return sum(self.right.values()) / total if total else 1.0

    def flag_precision(self, flag: str) -> float | None:
        tp, fp = self.flags[f"{flag} tp"], self.flags[f"{flag} fp"]
        return tp / (tp + fp) if tp + fp else None

    def flag_recall(self, flag: str) -> float | None:
        tp, fn = self.flags[f"{flag} tp"], self.flags[f"{flag} fn"]
        return tp / (tp + fn) if tp + fn else None


def row_key(
    kind: str, old: Sequence[int], new: Sequence[int]
) -> tuple[str, frozenset[int], frozenset[int]]:
    return (kind, frozenset(old), frozenset(new))


def accepted_truth(truth: Sequence[TruthRow], predicted: Sequence[Row]) -> list[TruthRow]:
    """The truth in the account the prediction chose where two are right (clusters)."""
    clusters: dict[int, list[TruthRow]] = {}
    for row in truth:
        if row.cluster >= 0:
            clusters.setdefault(row.cluster, []).append(row)
    if not clusters:
        return list(truth)
    regrouped = {row_key("regrouped", r.old, r.new) for r in predicted}
    replaced: dict[int, TruthRow] = {}
    for cid, rows in clusters.items():
        old = tuple(sorted(i for r in rows for i in r.old))
        new = tuple(sorted(j for r in rows for j in r.new))
        if row_key("regrouped", old, new) in regrouped:
            edits = tuple(dict.fromkeys(e for r in rows for e in r.edits))
            numbers = True if any(r.numbers for r in rows) else rows[0].numbers
            replaced[cid] = TruthRow(ChangeKind.REGROUPED, old, new, False, edits, numbers, None)
    result, done = [], set()
    for row in truth:
        if row.cluster in replaced:
            if row.cluster not in done:
                done.add(row.cluster)
                result.append(replaced[row.cluster])
        else:
            result.append(row)
    return result


def _flagged(rows: Sequence[Row], attribute: str) -> bool:
    return any(
        getattr(row, attribute)
        or any(t.op is TokenOp.MOVED_IN and getattr(t, attribute) for t in row.tokens)
        for row in rows
    )


def _score_flags(score: Score, truth: Sequence[TruthRow], predicted: Sequence[Row]) -> None:
    old_owner = {i: r for r in predicted for i in r.old}
    new_owner = {j: r for r in predicted for j in r.new}
    for row in truth:
        holders = {id(r): r for r in [*map(old_owner.get, row.old), *map(new_owner.get, row.new)]
                   if r is not None}.values()  # fmt: skip
        for flag, want, attribute in (
            ("numbers", row.numbers, "numbers_changed"),
            ("quotes", row.quotes, "quote_changed"),
        ):
            if want is None:
                continue
            got = _flagged(list(holders), attribute)
            outcome = ("tp" if want else "fp") if got else ("fn" if want else "tn")
            score.flags[f"{flag} {outcome}"] += 1
            if outcome == "tn" and row.kind is not ChangeKind.UNCHANGED:
                score.flags[f"{flag} changed tn"] += 1  # the negatives that test the flag


def score_rows(truth: Sequence[TruthRow], predicted: Sequence[Row]) -> Score:
    """Score one revision's predicted rows against its truth (invariants not included)."""
    score = Score()
    truth = accepted_truth(truth, predicted)
    true_links = truth_links(truth)
    links = {(i, j) for row in predicted for i in row.old for j in row.new}
    score.true_links, score.predicted_links = len(true_links), len(links)
    score.correct_links = len(true_links & links)
    by_key = {row_key(r.kind.value, r.old, r.new): r for r in predicted}
    old_owner = {i: r for r in predicted for i in r.old}
    new_owner = {j: r for r in predicted for j in r.new}
    for row in truth:
        kind = row.kind.value
        match = by_key.get(row_key(kind, row.old, row.new))
        score.rows[kind] += 1
        score.right[kind] += match is not None
        for edit in row.edits:
            score.edit_rows[edit] += 1
            score.edit_right[edit] += match is not None
        owner = old_owner.get(row.old[0]) if row.old else new_owner.get(row.new[0])
        score.confusion[kind, owner.kind.value if owner else "?"] += 1
        if match is not None and kind in ("edited", "moved_edited"):
            score.minor_checked += 1
            score.minor_agree += match.minor == row.minor
            if row.minor_reason is not None and match.minor:
                reason = getattr(match, "minor_reason", None)
                score.reason_checked += 1
                score.reason_agree += reason is not None and reason.value == row.minor_reason
        if match is not None and "number_update" in row.edits:
            score.numbers_rows += 1
            score.numbers_flagged += match.numbers_changed
    _score_flags(score, truth, predicted)
    linked_old = {i for i, _ in true_links}
    linked_new = {j for _, j in true_links}
    for claim in predicted:
        if claim.kind is ChangeKind.ADDED:
            score.false_claims += claim.new[0] in linked_new
        elif claim.kind is ChangeKind.REMOVED:
            score.false_claims += claim.old[0] in linked_old
    unlinked_old = {r.old[0] for r in truth if r.kind is ChangeKind.REMOVED}
    unlinked_new = {r.new[0] for r in truth if r.kind is ChangeKind.ADDED}
    score.invented_pairs = sum(i in unlinked_old or j in unlinked_new for i, j in links)
    return score
