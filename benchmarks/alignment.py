"""Alignment quality on generated newsroom revisions: the engine against a difflib baseline.

    .venv/bin/python benchmarks/alignment.py [--quick] [--revisions N] [--seed S]
        [--examples K] [--dump-failures PATH] [--corpus all|aeb|wcxb]

Revisions are real article texts (../shared/eval/scrapinghub-aeb and
../shared/eval/wcxb-articles/dev, read at run time, never copied into the
repository; skipped when absent) with seeded newsroom edits whose expected rows
are known (`revision_edits.py` and `revision_rewrites.py` say how, and how
ambiguous cases are avoided). Both aligners run on the same revisions (the
baseline is HtmlDiff-style difflib, `difflib_baseline.py`). Metrics, summed
over all revisions (definitions in `alignment_score.py`):

* pair precision / recall / F1 over links (old i, new j) of rows with both sides;
* kind accuracy: truth rows predicted exactly (same kind, same paragraph sets),
  macro-averaged over the change kinds (a rare kind weighs as much as a common
  one); `regrouped` is right where the truth is a regrouping, split/merge where
  that is what happened; a sentence exchanged with a neighbour may be two
  edited rows or one regrouped row;
* FALSE CLAIMS at the sentence level (`sentence_truth.py`, the judge written
  apart from the aligner): a sentence of 8+ words shown as gone or new (delete,
  insert, an added/removed row outside moved_out/moved_in) that stands verbatim
  or ≥ 0.9 similar on the other side;
* false added/removed claims (paragraphs the truth links, shown added/removed),
  invented pairs (links touching truly added/removed paragraphs), wire swaps
  with any pair, invariant violations (`core/align/invariants.check_invariants`);
* `numbers_changed` / `quote_changed` precision and recall over truth rows with
  a defined answer, hard negatives included (number-word noise, moved sentences,
  mojibake); `minor` and `minor_reason` agreement.

Targets (issue 11): pair F1 ≥ 0.98, kind accuracy ≥ 0.95, zero sentence-level
false claims, zero invariant violations, wire swaps with zero pairs, flag
precision and recall ≥ 0.95. Exit status 1 when the engine misses one.
`--quick` runs 120 revisions instead of 400.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks.*` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import sentence_truth
from benchmarks.alignment_score import Score, score_rows
from benchmarks.difflib_baseline import baseline_align
from benchmarks.revision_edits import generate
from benchmarks.revision_script import Article, Revision
from benchmarks.revision_text import clean_article
from newsdiff_gui.core.align import ChangeKind, Diff, align, check_invariants
from newsdiff_gui.core.document import Document

__all__ = ["Score", "load_articles", "main", "run", "score_rows"]

EVAL_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
AEB_TRUTH = EVAL_DIR / "scrapinghub-aeb" / "ground-truth.json"
WCXB_TRUTH = EVAL_DIR / "wcxb-articles" / "dev" / "ground-truth"
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


# -- one revision ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    revision: Revision
    diff: Diff
    score: Score
    problems: tuple[str, ...]
    claims: tuple[sentence_truth.FalseClaim, ...] = ()

    @property
    def errors(self) -> int:
        s = self.score
        wrong = sum(s.rows.values()) - sum(s.right.values())
        # A broken contract outranks a wrong kind when choosing examples to show.
        broken = len(self.problems) + len(self.claims)
        return wrong + s.false_claims + s.invented_pairs + 5 * broken


def run(revision: Revision, aligner: Callable[[Document, Document], Diff]) -> Outcome:
    start = time.perf_counter()
    diff = aligner(revision.old, revision.new)
    seconds = time.perf_counter() - start
    score = score_rows(revision.truth, diff.rows)
    problems = tuple(check_invariants(diff))
    claims = tuple(sentence_truth.false_claims(diff))
    score.seconds = seconds
    score.diffs_violating = bool(problems)
    score.violations = len(problems)
    score.sentence_claims = sentence_truth.count(claims)
    for edit in set(revision.edits) if claims else ():
        score.sentence_claims_by_edit[edit] += 1  # revisions with a false claim, per edit type
    if revision.edits == ("wire_swap",):
        score.wire_swaps = 1
        score.wire_swaps_paired = any(row.old and row.new for row in diff.rows)
    return Outcome(revision, diff, score, problems, claims)


# -- report ---------------------------------------------------------------------------------


def _cell(value: float | int | None, digits: int = 3) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def print_table(ours: Score, base: Score, revisions: Sequence[Revision]) -> None:
    count = len(revisions)
    times = [ours.seconds, base.seconds]

    def changed_negatives(flag: str) -> int:
        return ours.flags[f"{flag} fp"] + ours.flags[f"{flag} changed tn"]

    lines: list[tuple[str, Any, Any, str]] = [
        ("pair precision", ours.precision, base.precision, ""),
        ("pair recall", ours.recall, base.recall, ""),
        ("pair F1", ours.f1, base.f1, ">= 0.98"),
        ("kind accuracy (macro, 8 change kinds)", ours.macro_kind_accuracy,
         base.macro_kind_accuracy, ">= 0.95"),
        ("kind accuracy (micro, changed rows)", ours.changed_row_accuracy,
         base.changed_row_accuracy, ""),
        ("row accuracy (all rows, unchanged incl.)", ours.all_row_accuracy,
         base.all_row_accuracy, ""),
        ("FALSE CLAIMS, sentences (8+ words)", ours.sentence_claims, base.sentence_claims, "0"),
        ("false added/removed claims (paragraphs)", ours.false_claims, base.false_claims, "0"),
        ("invented pairs (links to added/removed)", ours.invented_pairs, base.invented_pairs, ""),
        (f"wire swaps with pairs (of {ours.wire_swaps})", ours.wire_swaps_paired,
         base.wire_swaps_paired, "0"),
        ("diffs violating invariants", ours.diffs_violating, base.diffs_violating, "0"),
        ("invariant messages", ours.violations, base.violations, ""),
        ("numbers_changed precision", ours.flag_precision("numbers"), None, ">= 0.95"),
        ("numbers_changed recall", ours.flag_recall("numbers"), None, ">= 0.95"),
        ("quote_changed precision", ours.flag_precision("quotes"), None, ">= 0.95"),
        ("quote_changed recall", ours.flag_recall("quotes"), None, ">= 0.95"),
        ("flag truth rows: numbers +/- (changed only)",
         f"{ours.flags['numbers tp'] + ours.flags['numbers fn']}/{changed_negatives('numbers')}",
         None, ""),
        ("flag truth rows: quotes +/- (changed only)",
         f"{ours.flags['quotes tp'] + ours.flags['quotes fn']}/{changed_negatives('quotes')}",
         None, ""),
        ("minor flag agrees (edited rows right)",
         ours.minor_agree / ours.minor_checked if ours.minor_checked else None, None, ""),
        ("minor_reason agrees (single-reason rows)",
         ours.reason_agree / ours.reason_checked if ours.reason_checked else None, None, ""),
        ("time total (s)", times[0], times[1], ""),
        ("time per revision (ms)", 1000 * times[0] / count, 1000 * times[1] / count, ""),
    ]  # fmt: skip
    print(f"\n{'metric':44} {'ours':>9} {'difflib':>9}  target")
    print("-" * 72)
    for name, a, b, target in lines:
        print(f"{name:44} {_cell(a):>9} {_cell(b):>9}  {target}")
    print(
        "kind accuracy: truth rows predicted exactly (same kind, same old and new sets; a"
        " sentence exchanged\nwith a neighbour may be two edited rows or one regrouped row);"
        " macro = mean over the change kinds.\nFalse claims: sentences standing (>= 0.9"
        " similar) on the other side shown as gone/new (sentence_truth.py).\nFlags: over"
        " truth rows with a defined answer; the difflib baseline sets none."
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
    print(
        f"\n{'edit type':20} {'edits':>6} {'truth rows':>11} {'ours':>7} {'difflib':>8}"
        f" {'claims ours':>12} {'difflib':>8}"
    )
    print("-" * 78)
    for edit, n in edit_counts.most_common():
        # Each aligner's own truth rows: a cluster counts once where it was regrouped.
        rows, base_rows = ours.edit_rows[edit], base.edit_rows[edit]
        a = ours.edit_right[edit] / rows if rows else None
        b = base.edit_right[edit] / base_rows if base_rows else None
        print(
            f"{edit:20} {n:6} {rows:11} {_cell(a):>7} {_cell(b):>8}"
            f" {ours.sentence_claims_by_edit[edit]:12} {base.sentence_claims_by_edit[edit]:8}"
        )
    print("claims: revisions with a false sentence claim among those holding the edit")
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
        "false_sentence_claims": [c.describe() for c in outcome.claims],
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
        for claim in record["false_sentence_claims"][:3]:
            print(f"  false claim: {_short(claim, 90)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--revisions", type=int, default=400)
    parser.add_argument("--quick", action="store_true", help="120 revisions (a smoke run)")
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
    revisions = generate(articles, 120 if args.quick else args.revisions, args.seed)
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
    flags = [
        value or 0.0
        for flag in ("numbers", "quotes")
        for value in (ours.flag_precision(flag), ours.flag_recall(flag))
    ]
    met = (
        ours.f1 >= 0.98
        and ours.macro_kind_accuracy >= 0.95
        and ours.diffs_violating == 0
        and ours.false_claims == 0
        and ours.sentence_claims == 0
        and ours.wire_swaps_paired == 0
        and min(flags) >= 0.95
    )
    print("\nengine targets " + ("met" if met else "MISSED"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
