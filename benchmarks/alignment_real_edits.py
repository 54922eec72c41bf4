"""Pairing on heavy edits of short paragraphs, and on wire swaps: ours before/after and difflib.

    .venv/bin/python benchmarks/alignment_real_edits.py [--seed S] [--base DIR] [--count N]

Issue 11: on real revisions of long documents (a status page, a policy page)
heavily edited short paragraphs were shown as removed + added where a plain
difflib pairing by position gets them right, while a wire swap must still give
no pair at all. Three sets of revisions with known truth:

* real: articles of ../shared/eval (AEB and WCXB, read at run time through
  `alignment.load_articles`, never copied here) with 10-20 % of their short
  paragraphs (3-30 words) heavily edited in place: clauses cut with a figure
  updated, the tail cut, half the small words dropped ("items reworded, facts
  kept"), headings renumbered; plus, as negatives, a few short paragraphs
  replaced in place by another article's (truth: removed + added);
* status/policy: synthetic pages of 60-200 short paragraphs (list items with
  figures, places, roads, forms; numbered headings) with 10-20 % heavily edited
  the same way, a few items added or removed, and a few replaced in place by an
  item of another template (truth: removed + added);
* wire swaps: an eval article against the article sharing most topic words with
  it but no five-word run (another agency's copy): truth has no pair.

Aligners: this checkout's engine ("after"), the engine of another checkout
("before", `--base`, default /tmp/pair_base, e.g. `git worktree add /tmp/pair_base
dfda3be`; each engine runs in a child process so the two never share imports),
and the difflib position baseline (`difflib_baseline.baseline_rows`). Printed:
pair precision / recall / F1 per set, the recall of the heavily edited pairs
alone, invented pairs (links touching a paragraph the truth calls added or
removed) beside the number of old paragraphs the truth leaves unpaired, and
wire swaps with any pair (target 0). `--set NAME=VALUE` runs "after" with
another value of a threshold of core/align/sandwich.py (calibration).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
Case = dict[str, Any]  # section, old, new, links [[i, j]...]

_NUMBER = re.compile(r"\b\d+\b")
_SMALL_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a an the of in on at to for and or but is are was were be been has have had that"
        " this with by from as it its their his her they we our which who also will would",
    )
)
_CLAUSE_CUT = re.compile(r"\s*(?:;|,|:| - | – | — | and | but | which )\s*")


def _bump(text: str, rng: random.Random, keep_label: bool = True) -> str:
    """Every figure changed (a status page's update) but the item's label ("6.2", "Section 4")."""
    label = re.match(r"\S+(?: \d\S*)?\s", text) if keep_label else None
    start = label.end() if label and _NUMBER.search(label[0]) else 0
    bumped = _NUMBER.sub(lambda m: str(int(m[0]) + rng.randint(1, 9)), text[start:])
    return text[:start] + bumped


def _names(text: str) -> set[str]:
    return set(re.findall(r"(?<=\s)[A-Z]\w+", text))


def keeps_facts(old: str, new: str) -> bool:
    """A heavy edit that keeps the facts keeps a name or place when the old text had one."""
    return not _names(old) or bool(_names(old) & _names(new))


def heavy_edit(text: str, rng: random.Random) -> str | None:
    """A heavy edit that keeps the paragraph's facts, or None when it offers none."""
    words = text.split()
    if _NUMBER.search(text) and len(words) < 8 and len(_NUMBER.findall(text)) >= len(words) // 3:
        return _bump(
            text, rng, keep_label=False
        )  # a heading renumbered: "Update 3 (14:00)" -> "Update 4 (18:30)"
    clauses = [c for c in _CLAUSE_CUT.split(text) if c]
    choices = []
    if len(clauses) >= 2 and len(clauses[0].split()) >= 3:
        choices.append(_bump(clauses[0], rng))  # "...40 schools reopened; 9 clinics..." -> first
    if len(words) >= 6:
        keep = max(3, round(len(words) * rng.uniform(0.45, 0.65)))
        choices.append(_bump(" ".join(words[:keep]).rstrip(",;:"), rng))  # the tail cut
        kept = [
            w for w in words if w.casefold().strip(".,;:") not in _SMALL_WORDS or rng.random() < 0.3
        ]
        if len(kept) <= 0.8 * len(words):
            choices.append(_bump(" ".join(kept), rng))  # reworded, facts kept
    choices = [c for c in choices if c and c != text and keeps_facts(text, c)]
    return rng.choice(choices) if choices else None


def edited_case(
    section: str, old: list[str], rng: random.Random, donors: list[str], min_share: float = 0.1
) -> Case | None:
    """Heavily edit 10-20 % of the short paragraphs in place; replace a few with donors."""
    short = [i for i, t in enumerate(old) if 3 <= len(t.split()) <= 30]
    wanted = max(1, round(len(old) * rng.uniform(min_share, 0.2)))
    rng.shuffle(short)
    new = list(old)
    links = {i: i for i in range(len(old))}
    edited = 0
    for i in short:
        if edited == wanted:
            break
        text = heavy_edit(old[i], rng)
        if text is not None and text not in old:
            new[i], edited = text, edited + 1
    if not edited:
        return None
    for i in short[-max(1, wanted // 4) :]:  # negatives: replaced in place, other facts
        masked = re.sub(r"\d+", "0", old[i])
        fitting = [
            d for d in donors if not _names(d) & _names(old[i]) and re.sub(r"\d+", "0", d) != masked
        ]
        if new[i] == old[i] and fitting:
            new[i] = rng.choice(fitting)
            del links[i]
    return {"section": section, "old": old, "new": new, "links": sorted(links.items())}


# -- synthetic status and policy pages ------------------------------------------------------

_PLACES = tuple(
    re.findall(
        r"\w+",
        "Ashford Millbrook Ravenscar Dunmore Kelso Brightwater Oakhampton Fenwick Harlow"
        " Corran Lisvane Marden Tarbet Wexcombe Ystrad Quarrington Pellow Stanmere Garrow"
        " Holbeck",
    )
)
_FACILITIES = tuple(
    re.findall(
        r"\w+",
        "schools clinics shelters pharmacies bakeries markets libraries depots",
    )
)
_PEOPLE = tuple(
    re.findall(
        r"\w+",
        "Okafor Lindqvist Moreau Haddad Kowalczyk Nakamura Brennan Adeyemi",
    )
)


def _status_item(rng: random.Random, k: int) -> str:
    place, other = rng.sample(_PLACES, 2)
    a, b, c = rng.sample(_FACILITIES, 3)
    n = rng.randint
    return rng.choice(
        [
            f"More than {n(10, 90)} {a} reopened in {place}; {n(2, 20)} {b} open;"
            f" {n(1, 9)} (+{n(1, 3)}) {c} open",
            f"Power restored to {n(40, 95)}% of homes in {place}, crews working overnight",
            f"Road A{n(10, 999)} between {place} and {other} reopened to traffic",
            f"{n(20, 900)} people still in emergency {c} in {place}, down from {n(900, 2000)}",
            f"Water supply in {place}: {n(30, 99)}% of connections working, boil notice in force",
            f"Minister {rng.choice(_PEOPLE)} visits {place} {a} at {n(8, 18)}:{n(10, 59)}",
            f"Update {k} ({n(6, 23)}:{n(10, 59)})",
        ]
    )


def _policy_item(rng: random.Random, k: int) -> str:
    n = rng.randint
    form = f"{rng.choice('ABCDEFGH')}-{n(1, 99)}"
    office = rng.choice(["housing office", "licensing board", "planning unit", "benefits team"])
    return rng.choice(
        [
            f"{k}.{n(1, 9)} Applicants must submit form {form} within {n(10, 90)} days of"
            f" the decision, with proof of address.",
            f"{k}.{n(1, 9)} The {office} reviews each request for {rng.choice(_FACILITIES)}"
            f" and replies within {n(5, 40)} working days.",
            f"Section {k}: {rng.choice(_PEOPLE)} rule on {rng.choice(_FACILITIES)}",
            f"{k}.{n(1, 9)} Fees of £{n(20, 400)} apply in {rng.choice(_PLACES)}; reduced"
            f" fees of £{n(5, 19)} for students and pensioners.",
        ]
    )


def synthetic_case(rng: random.Random, kind: str) -> Case:
    count = rng.randint(60, 200)
    make = _status_item if kind == "status" else _policy_item
    old: list[str] = []
    while len(old) < count:
        text = make(rng, len(old) // 6 + 1)
        if text not in old:
            old.append(text)
    # Replacements: items of the other page's templates, and items of this page's
    # templates about another place or person (the same words around other facts).
    donor_kind = _policy_item if kind == "status" else _status_item
    donors = [donor_kind(rng, 99) for _ in range(10)] + [make(rng, 99) for _ in range(10)]
    case = edited_case(kind, old, rng, donors, min_share=0.1)
    assert case is not None
    # A few items added and removed elsewhere (fresh facts, nothing to pair).
    new, links = list(case["new"]), dict(case["links"])
    for _ in range(rng.randint(0, 3)):
        at = rng.randrange(len(new))
        new.insert(
            at, f"Volunteers needed at {rng.choice(_PLACES)} hall from 0{rng.randint(6, 9)}:00"
        )
        links = {i: j + (j >= at) for i, j in links.items()}
    case["new"], case["links"] = new, sorted(links.items())
    return case


# -- cases from the eval articles ---------------------------------------------------------


def real_cases(rng: random.Random, count: int) -> tuple[list[Case], list[Case]]:
    """Heavily edited eval articles, and wire swaps between eval articles (empty without data).

    An article's same-topic partner (the article of a few dozen sharing most topic
    words with it and no five-word run) gives both its wire swap and the short
    paragraphs that replace some of its own in place: the hardest negatives, as
    they share the story's names and topic words but no sentence.
    """
    from benchmarks.alignment import load_articles
    from benchmarks.revision_text import Unrelated, topic_overlap, vocabulary

    articles = [a for a in load_articles() if len(a.paragraphs) >= 8]
    if not articles:
        return [], []
    edited: list[Case] = []
    swaps: list[Case] = []
    for article in rng.sample(articles, min(len(articles), 3 * count)):
        if len(edited) == count:
            break
        topic, unrelated = vocabulary(article.paragraphs), Unrelated(article.paragraphs)
        others = [a for a in rng.sample(articles, min(len(articles), 40)) if a is not article]
        partner = max(
            (a for a in others if all(map(unrelated, a.paragraphs))),
            key=lambda a: topic_overlap(" ".join(a.paragraphs), topic),
            default=None,
        )
        if partner is None:
            continue
        donors = [p for p in partner.paragraphs if 3 <= len(p.split()) <= 30]
        case = edited_case("real", list(article.paragraphs), rng, donors)
        if case is not None:
            edited.append(case)
        if len(swaps) < count // 2:
            new = list(partner.paragraphs[: len(article.paragraphs) + 3])
            old = list(article.paragraphs)
            swaps.append({"section": "wire swap", "old": old, "new": new, "links": []})
    return edited, swaps


# -- aligners ------------------------------------------------------------------------------


def engine_links(
    root: Path, cases: list[Case], settings: Sequence[str] = ()
) -> tuple[list[list[list[int]]], float]:
    """Links of each case by the engine of the checkout at `root`, in a child process
    (`settings`: NAME=VALUE thresholds of core/align/sandwich.py to try instead)."""
    with tempfile.TemporaryDirectory(prefix="pair_bench_") as folder:
        source, target = Path(folder, "cases.json"), Path(folder, "links.json")
        source.write_text(json.dumps(cases), encoding="utf-8")
        subprocess.run(
            [sys.executable, __file__, "--child", str(root), str(source), str(target), *settings],
            check=True,
        )
        result = json.loads(target.read_text(encoding="utf-8"))
    return result["links"], result["seconds"]


def _child(root: str, source: str, target: str, *settings: str) -> None:
    sys.path.insert(0, root)
    from newsdiff_gui.core.align import align
    from newsdiff_gui.core.document import Document

    if settings:  # not on a checkout older than the lower bar
        from newsdiff_gui.core.align import sandwich
    for setting in settings:  # a calibration run: the lower bar's thresholds changed
        name, value = setting.split("=")
        if not hasattr(sandwich, name):
            raise SystemExit(f"unknown threshold {name}")
        setattr(sandwich, name, type(getattr(sandwich, name))(value))

    cases = json.loads(Path(source).read_text(encoding="utf-8"))
    links, start = [], time.perf_counter()
    for case in cases:
        diff = align(Document("", tuple(case["old"])), Document("", tuple(case["new"])))
        links.append(sorted([i, j] for row in diff.rows for i in row.old for j in row.new))
    seconds = time.perf_counter() - start
    Path(target).write_text(json.dumps({"links": links, "seconds": seconds}), encoding="utf-8")


def difflib_links(cases: list[Case]) -> list[list[list[int]]]:
    from benchmarks.difflib_baseline import baseline_rows
    from newsdiff_gui.core.normalize import clean_text

    found = []
    for case in cases:
        rows = baseline_rows(
            [clean_text(t) for t in case["old"]], [clean_text(t) for t in case["new"]]
        )
        found.append(sorted([i, j] for row in rows for i in row.old for j in row.new))
    return found


def score(cases: list[Case], predicted: list[list[list[int]]]) -> dict[str, float]:
    true = correct = said = invented = swaps_paired = edited = edited_found = unpaired = 0
    for case, links in zip(cases, predicted, strict=True):
        truth = {(i, j) for i, j in case["links"]}
        mine = {(i, j) for i, j in links}
        heavy = {(i, j) for i, j in truth if case["old"][i] != case["new"][j]}
        edited, edited_found = edited + len(heavy), edited_found + len(heavy & mine)
        linked_old, linked_new = {i for i, _ in truth}, {j for _, j in truth}
        true, said, correct = true + len(truth), said + len(mine), correct + len(truth & mine)
        invented += sum(i not in linked_old or j not in linked_new for i, j in mine)
        unpaired += len(case["old"]) - len(linked_old)
        swaps_paired += not truth and bool(mine)
    p = correct / said if said else 1.0
    r = correct / true if true else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "edited": edited_found / edited if edited else 1.0,
        "invented": invented,
        "swaps_paired": swaps_paired,
        "unpaired": unpaired,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--count", type=int, default=120, help="eval articles edited")
    parser.add_argument("--base", type=Path, default=Path("/tmp/pair_base"))
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="try another value of a threshold of core/align/sandwich.py (calibration)",
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    real, swaps = real_cases(rng, args.count)
    if not real:
        print("real-text sets skipped: ../shared/eval is absent")
    synthetic = [synthetic_case(rng, kind) for kind in ("status", "policy") for _ in range(30)]
    sets = {
        "real": real,
        "status": [c for c in synthetic if c["section"] == "status"],
        "policy": [c for c in synthetic if c["section"] == "policy"],
        "wire swap": swaps,
    }
    cases = [c for group in sets.values() for c in group]
    aligners: dict[str, list[list[list[int]]]] = {}
    if (args.base / "newsdiff_gui").is_dir():
        aligners["before"], base_seconds = engine_links(args.base, cases)
    else:
        print(f"'before' skipped: no checkout at {args.base}")
    aligners["after"], seconds = engine_links(ROOT, cases, args.set)
    aligners["difflib"] = difflib_links(cases)
    print(f"seed {args.seed}: " + ", ".join(f"{len(v)} {k}" for k, v in sets.items()))
    print(f"\n{'set':10} {'aligner':8} {'precision':>9} {'recall':>7} {'F1':>6}", end="")
    print(f" {'edited recall':>13} {'invented':>8} {'of unpaired':>11} {'swaps paired':>12}")
    for name, group in sets.items():
        if not group:
            continue
        first = cases.index(group[0])
        for aligner, links in aligners.items():
            s = score(group, links[first : first + len(group)])
            print(
                f"{name:10} {aligner:8} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1']:6.3f}"
                f" {s['edited']:13.3f}"
                f" {s['invented']:8} {s['unpaired']:11} {s['swaps_paired']:12}"
            )
    print(f"\nengine time, all cases: after {seconds:.2f} s" + (
        f", before {base_seconds:.2f} s" if "before" in aligners else ""))  # fmt: skip
    after = (
        score(sets["wire swap"], aligners["after"][len(cases) - len(swaps) :]) if swaps else None
    )
    return 1 if after and after["swaps_paired"] else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(*sys.argv[2:])
    else:
        sys.path.insert(0, str(ROOT))
        sys.exit(main())
