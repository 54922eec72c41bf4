"""Alignment quality on generated newsroom revisions: the engine against a difflib baseline.

    .venv/bin/python benchmarks/alignment.py [--revisions N] [--seed S] [--examples K]
                                             [--dump-failures PATH] [--corpus all|aeb|wcxb]

Revisions are real article texts (../shared/eval/scrapinghub-aeb and
../shared/eval/wcxb-articles/dev, read at run time, never copied into the
repository) with seeded newsroom edits whose expected rows are known
(`revision_edits.py` says how, and how ambiguous cases are avoided). Both
aligners run on the same revisions. Metrics, summed over all revisions:

* pair precision / recall / F1: links (old i, new j) from every row with both
  sides (a split row of old 3 → new 4, 5 links (3,4) and (3,5)) against the
  truth's links;
* kind accuracy: a truth row counts as right when the prediction has a row of
  the same kind with the same old and new paragraph sets. The headline number
  is over the *changed* truth rows (every kind but unchanged), macro-averaged
  over the seven change kinds so that a rare kind (split, moved) weighs as much
  as a common one; the micro average over changed rows and the accuracy over
  all rows (unchanged included) are printed too;
* false added/removed claims: paragraphs predicted added (removed) that the
  truth links to the other version — text that survives, shown as gone or new;
* invented pairs: predicted links touching a paragraph the truth calls added or
  removed (unrelated text shown as an edit);
* invariant violations: `check_invariants` on every diff (diffs with any, and
  messages in all);
* for the engine only: `minor` agreement on edited rows it got right, and
  `numbers_changed` set on rows whose truth includes a number update.

Targets (issue 3): pair F1 ≥ 0.98, kind accuracy ≥ 0.95, no invariant violation,
no false added/removed claim. Exit status 1 when the engine misses one.

The issue quotes pair F1 ≈ 0.91 and kind accuracy ≈ 0.37 for a difflib baseline
on "a similar set". Here it scores higher on pairs (≈ 0.97): articles have a
median of ~24 paragraphs and revisions ~2.2 edits, so most links sit in long
`equal` runs it cannot miss (AEB alone, shorter news articles: ≈ 0.955). Its
kind accuracy depends on the definition: ≈ 0.24 macro, ≈ 0.45–0.57 micro (wire
swaps dominate the micro count), ≈ 0.37–0.39 macro without wire swaps.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.difflib_baseline import baseline_align
from benchmarks.revision_edits import generate
from benchmarks.revision_script import Article, Revision, TruthRow, truth_links
from benchmarks.revision_text import clean_article
from newsdiff_gui.core.align import ChangeKind, Diff, Row, align, check_invariants
from newsdiff_gui.core.document import Document

EVAL_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
AEB_TRUTH = EVAL_DIR / "scrapinghub-aeb" / "ground-truth.json"
WCXB_TRUTH = EVAL_DIR / "wcxb-articles" / "dev" / "ground-truth"
CHANGE_KINDS = [k for k in ChangeKind if k is not ChangeKind.UNCHANGED]
_BLANK_LINES = re.compile(r"\n\s*\n")


def load_articles() -> list[Article]:
    """The source articles (empty when the shared evaluation data is not present)."""
    articles = []
    if AEB_TRUTH.is_file():
        for key, item in json.loads(AEB_TRUTH.read_text(encoding="utf-8")).items():
            paragraphs = clean_article(_BLANK_LINES.split(item.get("articleBody") or ""))
            articles.append(Article(f"aeb:{key}", item.get("url") or key, paragraphs))
    if WCXB_TRUTH.is_dir():
        for path in sorted(WCXB_TRUTH.glob("*.json")):
            truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
            paragraphs = clean_article(_BLANK_LINES.split(truth.get("main_content") or ""))
            articles.append(Article(f"wcxb:{path.stem}", truth.get("title") or "", paragraphs))
    return articles


# -- scoring --------------------------------------------------------------------------------


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
    numbers_rows: int = 0
    numbers_flagged: int = 0
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


def row_key(
    kind: str, old: Sequence[int], new: Sequence[int]
) -> tuple[str, frozenset[int], frozenset[int]]:
    return (kind, frozenset(old), frozenset(new))


def score_rows(truth: Sequence[TruthRow], predicted: Sequence[Row]) -> Score:
    """Score one revision's predicted rows against its truth (invariants not included)."""
    score = Score()
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
        if match is not None and "number_update" in row.edits:
            score.numbers_rows += 1
            score.numbers_flagged += match.numbers_changed
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


@dataclass(frozen=True)
class Outcome:
    revision: Revision
    diff: Diff
    score: Score
    problems: tuple[str, ...]

    @property
    def errors(self) -> int:
        s = self.score
        wrong = sum(s.rows.values()) - sum(s.right.values())
        # A broken contract outranks a wrong kind when choosing examples to show.
        return wrong + s.false_claims + s.invented_pairs + 5 * len(self.problems)


def run(revision: Revision, aligner: Callable[[Document, Document], Diff]) -> Outcome:
    start = time.perf_counter()
    diff = aligner(revision.old, revision.new)
    seconds = time.perf_counter() - start
    score = score_rows(revision.truth, diff.rows)
    problems = tuple(check_invariants(diff))
    score.seconds = seconds
    score.diffs_violating = bool(problems)
    score.violations = len(problems)
    return Outcome(revision, diff, score, problems)


# -- report ---------------------------------------------------------------------------------


def _cell(value: float | int | None, digits: int = 3) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def print_table(ours: Score, base: Score, revisions: Sequence[Revision]) -> None:
    count = len(revisions)
    times = [ours.seconds, base.seconds]
    lines: list[tuple[str, Any, Any, str]] = [
        ("pair precision", ours.precision, base.precision, ""),
        ("pair recall", ours.recall, base.recall, ""),
        ("pair F1", ours.f1, base.f1, ">= 0.98"),
        ("kind accuracy (macro, 7 change kinds)", ours.macro_kind_accuracy,
         base.macro_kind_accuracy, ">= 0.95"),
        ("kind accuracy (micro, changed rows)", ours.changed_row_accuracy,
         base.changed_row_accuracy, ""),
        ("row accuracy (all rows, unchanged incl.)", ours.all_row_accuracy,
         base.all_row_accuracy, ""),
        ("false added/removed claims (paragraphs)", ours.false_claims, base.false_claims, "0"),
        ("invented pairs (links to added/removed)", ours.invented_pairs, base.invented_pairs, ""),
        ("diffs violating invariants", ours.diffs_violating, base.diffs_violating, "0"),
        ("invariant messages", ours.violations, base.violations, ""),
        ("minor flag agrees (edited rows right)",
         ours.minor_agree / ours.minor_checked if ours.minor_checked else None, None, ""),
        ("numbers_changed set (number updates)",
         ours.numbers_flagged / ours.numbers_rows if ours.numbers_rows else None, None, ""),
        ("time total (s)", times[0], times[1], ""),
        ("time per revision (ms)", 1000 * times[0] / count, 1000 * times[1] / count, ""),
    ]  # fmt: skip
    print(f"\n{'metric':44} {'ours':>9} {'difflib':>9}  target")
    print("-" * 72)
    for name, a, b, target in lines:
        print(f"{name:44} {_cell(a):>9} {_cell(b):>9}  {target}")
    print(
        "kind accuracy: truth rows predicted exactly (same kind, same old and new sets);"
        " macro = mean over\nthe 7 change kinds, micro = share of all changed rows"
        " (wire swaps weigh heavily there)"
    )
    print(
        f"\n{'truth kind':14} {'rows':>6} {'ours':>7} {'difflib':>8}"
        "   where ours put the rest (kind of the row holding the first paragraph)"
    )
    print("-" * 100)
    for kind in ChangeKind:
        k = kind.value
        seen = Counter({p: n for (t, p), n in ours.confusion.items() if t == k})
        spread = ", ".join(f"{p} {n}" for p, n in seen.most_common() if p != k)
        print(
            f"{k:14} {ours.rows[k]:6} {_cell(ours.kind_accuracy(k)):>7}"
            f" {_cell(base.kind_accuracy(k)):>8}   {spread}"
        )
    edit_counts = Counter(e for r in revisions for e in r.edits)
    print(f"\n{'edit type':20} {'edits':>6} {'truth rows':>11} {'ours':>7} {'difflib':>8}")
    print("-" * 56)
    for edit, n in edit_counts.most_common():
        rows = ours.edit_rows[edit]
        a = ours.edit_right[edit] / rows if rows else None
        b = base.edit_right[edit] / rows if rows else None
        print(f"{edit:20} {n:6} {rows:11} {_cell(a):>7} {_cell(b):>8}")
    sizes = [len(r.old.paragraphs) for r in revisions]
    print(
        f"\n{count} revisions ({sum(r.edits == ('wire_swap',) for r in revisions)} wire swaps),"
        f" {sum(len(r.edits) for r in revisions)} edits, old paragraphs per revision"
        f" median {sorted(sizes)[len(sizes) // 2]}, max {max(sizes)}"
    )


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _rows_text(rows: Sequence[tuple[str, Sequence[int], Sequence[int]]]) -> set[str]:
    return {f"{kind} {list(old)}->{list(new)}" for kind, old, new in rows}


def failure_record(outcome: Outcome) -> dict[str, Any]:
    revision = outcome.revision
    truth = _rows_text([(r.kind.value, r.old, r.new) for r in revision.truth])
    predicted = _rows_text([(r.kind.value, r.old, r.new) for r in outcome.diff.rows])
    return {
        "revision": revision.number,
        "source": revision.source,
        "edits": list(revision.edits),
        "script": [
            {"edit": s.edit, "op": s.op, "position": s.position, "target": s.target}
            for s in revision.script
        ],
        "missed_truth_rows": sorted(truth - predicted),
        "wrong_predicted_rows": sorted(predicted - truth),
        "false_claims": outcome.score.false_claims,
        "invented_pairs": outcome.score.invented_pairs,
        "invariant_problems": list(outcome.problems),
        "old": list(revision.old.paragraphs),
        "new": list(revision.new.paragraphs),
    }


def _indices(rows: Sequence[str], side: int) -> set[int]:
    """Paragraph indices on one side (0 old, 1 new) of rows printed as 'kind [..]->[..]'."""
    return {int(n) for row in rows for n in re.findall(r"\d+", row.split("->")[side])}


def print_examples(outcomes: Sequence[Outcome], count: int) -> None:
    failing = sorted((o for o in outcomes if o.errors), key=lambda o: -o.errors)
    shown = f"; the worst {min(count, len(failing))}:" if failing and count else ""
    print(f"\nengine wrong on {len(failing)} of {len(outcomes)} revisions{shown}")
    for outcome in failing[:count]:
        record = failure_record(outcome)
        old, new = outcome.revision.old.paragraphs, outcome.revision.new.paragraphs
        print(
            f"\n# revision {record['revision']} ({record['source']}): " + ", ".join(record["edits"])
        )
        steps = [
            f"{s['edit']}:{s['op']}@{s['position']}"
            + (f"->{s['target']}" if s["op"] == "move" else "")
            for s in record["script"]
        ]
        runs = [(step, len(list(group))) for step, group in itertools.groupby(steps)]
        print("  script: " + "; ".join(s if n == 1 else f"{s} x{n}" for s, n in runs))
        for label in ("missed_truth_rows", "wrong_predicted_rows"):
            print(f"  {label.replace('_', ' ')}: {', '.join(record[label]) or '-'}")
        involved = [*record["missed_truth_rows"], *record["wrong_predicted_rows"]]
        for i in sorted(_indices(involved, 0))[:4]:
            print(f"    old {i}: {_short(old[i])}")
        for j in sorted(_indices(involved, 1))[:4]:
            print(f"    new {j}: {_short(new[j])}")
        for problem in record["invariant_problems"][:3]:
            print(f"  invariant: {problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--revisions", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--examples", type=int, default=5, help="failing revisions to print")
    parser.add_argument("--dump-failures", type=Path, metavar="PATH", help="worst cases as JSON")
    parser.add_argument(
        "--corpus", choices=("all", "aeb", "wcxb"), default="all", help="source articles"
    )
    args = parser.parse_args(argv)
    articles = load_articles()
    if args.corpus != "all":
        articles = [a for a in articles if a.source.startswith(args.corpus + ":")]
    if not articles:
        print(f"skipped: no article texts under {EVAL_DIR} (the shared evaluation data is absent)")
        return 0
    revisions = generate(articles, args.revisions, args.seed)
    ours, base = Score(), Score()
    outcomes = []
    for revision in revisions:
        outcome = run(revision, align)
        outcomes.append(outcome)
        ours.add(outcome.score)
        base.add(run(revision, baseline_align).score)
    print(f"alignment quality: {len(articles)} source articles, seed {args.seed}")
    print_table(ours, base, revisions)
    print_examples(outcomes, args.examples)
    if args.dump_failures:
        worst = sorted((o for o in outcomes if o.errors), key=lambda o: -o.errors)[:50]
        args.dump_failures.write_text(
            json.dumps([failure_record(o) for o in worst], indent=1, ensure_ascii=False),
            encoding="utf-8",
        )
        print(f"\n{len(worst)} failing revisions written to {args.dump_failures}")
    met = (
        ours.f1 >= 0.98
        and ours.macro_kind_accuracy >= 0.95
        and ours.diffs_violating == 0
        and ours.false_claims == 0
    )
    print("\nengine targets " + ("met" if met else "MISSED"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
