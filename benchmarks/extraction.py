"""Extraction benchmark: our extractor vs trafilatura and readability-lxml.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/extraction.py [--limit N] [--sets aeb,wcxb,titles]

Data (third-party pages, test data only, never copied into the repository) is
read from ../shared/eval next to the repository; a missing set is skipped.

* scrapinghub-aeb: the Article Extraction Benchmark's own metric — 4-gram
  shingles of `\\w+` tokens, per-page precision/recall, mean over pages, F1 of
  the means (see its SOURCE.md). `check_aeb_scorer` re-scores the published
  outputs in output/*.json to prove this implementation matches upstream.
* wcxb-articles/dev: bag-of-words F1 of lowercased `\\w+` tokens per page,
  macro mean of P, R and F1 (see its SOURCE.md).
* readability-test-pages: title exact match vs expected-metadata.json, where
  "exact" means equal after `clean_text` (whitespace/invisible characters only).
  Readability's title is the page's `<title>` tidied, often with the site's name.
* wcxb-articles/dev titles: exact match (same rule) vs the human-reviewed
  `ground_truth.title`, which is the headline a reader sees; and bylines vs its
  `ground_truth.author` (same letters and digits, or the name with a short
  addition such as a job title).

All systems run on the same pages in the same process, one after another, on
one core; pages/s counts extraction time only (not reading or decoding files),
as CPU time of this process (so other work on the machine does not skew the
comparison); wall-clock pages/s is shown alongside.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.extract import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    ExtractionError,
    extract_document,
)
from newsdiff_gui.core.normalize import clean_text

EVAL_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
AEB_DIR = EVAL_DIR / "scrapinghub-aeb"
WCXB_DIR = EVAL_DIR / "wcxb-articles" / "dev"
TITLES_DIR = EVAL_DIR / "readability-test-pages" / "test-pages"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str | None
    html: str
    truth: str


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float


# ---------------------------------------------------------------- metrics


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of `size`-word shingles of the `\\w+` tokens (short texts: one shingle)."""
    tokens = _WORD.findall(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))


def aeb_scores(pairs: Iterable[tuple[str, str]]) -> Scores:
    """AEB metric over (truth, prediction) pairs: F1 of the mean P and mean R."""
    precisions: list[float] = []
    recalls: list[float] = []
    for truth, prediction in pairs:
        expected, predicted = shingles(truth), shingles(prediction)
        tp = sum((expected & predicted).values())
        fp = sum((predicted - expected).values())
        fn = sum((expected - predicted).values())
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        # Upstream normalises tp, fp, fn to sum to 1 first; the ratios are unchanged.
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def word_scores(pairs: Iterable[tuple[str, str]]) -> Scores:
    """WCXB metric: per-page bag-of-words P/R/F1 of lowercased `\\w+`, macro means."""
    rows: list[tuple[float, float, float]] = []
    for truth, prediction in pairs:
        expected = Counter(_WORD.findall(truth.lower()))
        predicted = Counter(_WORD.findall(prediction.lower()))
        if not expected:
            value = 1.0 if not predicted else 0.0
            rows.append((value, value, value))
            continue
        if not predicted:
            rows.append((0.0, 0.0, 0.0))
            continue
        overlap = sum((expected & predicted).values())
        precision = overlap / sum(predicted.values())
        recall = overlap / sum(expected.values())
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((precision, recall, f1))
    if not rows:
        return Scores(0.0, 0.0, 0.0)
    return Scores(*(sum(column) / len(rows) for column in zip(*rows, strict=True)))


def check_aeb_scorer() -> None:
    """Re-score the published outputs; the numbers must match AEB's SOURCE.md."""
    truth = json.loads((AEB_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    print("AEB scorer check (published outputs re-scored; upstream: trafilatura 0.958,")
    print("readability-lxml 0.922, newspaper4k 0.949, Readability.js 0.947):")
    for name in ("trafilatura", "readability", "newspaper", "readability_js"):
        path = AEB_DIR / "output" / f"{name}.json"
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        output = data.get("output", data)
        scores = aeb_scores(
            (item["articleBody"], (output.get(key) or {}).get("articleBody") or "")
            for key, item in truth.items()
        )
        print(f"  {name:<16} P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}")
    print()


# ---------------------------------------------------------------- data


def _read_page(path: Path) -> str:
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return decode_html(raw).text


def load_aeb(limit: int | None = None) -> list[Page]:
    truth = json.loads((AEB_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in list(truth.items())[:limit]:
        html = _read_page(AEB_DIR / "html" / f"{key}.html.gz")
        pages.append(Page(key, item.get("url"), html, item["articleBody"]))
    return pages


def load_wcxb(limit: int | None = None) -> list[Page]:
    pages = []
    for path in sorted((WCXB_DIR / "ground-truth").glob("*.json"))[:limit]:
        data = json.loads(path.read_text(encoding="utf-8"))
        truth = data.get("ground_truth", {}).get("main_content") or ""
        html = _read_page(WCXB_DIR / "html" / f"{path.stem}.html.gz")
        pages.append(Page(path.stem, data.get("url"), html, truth))
    return pages


# ---------------------------------------------------------------- systems


def ours(html: str, url: str | None) -> str:
    try:
        return "\n\n".join(extract_document(html, url).paragraphs)
    except ExtractionError:
        return ""


def trafilatura_default(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def readability_lxml(html: str, url: str | None) -> str:
    import lxml.html
    from readability import Document as ReadabilityDocument

    try:
        summary = ReadabilityDocument(html, url=url).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
    except Exception:  # readability raises assorted errors on odd pages; count as empty
        return ""
    # Separate blocks so words of adjacent paragraphs are not glued together.
    for element in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "td", "br"):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def available_systems() -> dict[str, Callable[[str, str | None], str]]:
    systems: dict[str, Callable[[str, str | None], str]] = {"ours": ours}
    try:
        import trafilatura  # noqa: F401

        systems["trafilatura"] = trafilatura_default
    except ImportError:
        print("trafilatura not installed: skipped")
    try:
        import readability  # noqa: F401

        systems["readability-lxml"] = readability_lxml
    except ImportError:
        print("readability-lxml not installed (pip install readability-lxml): skipped")
    return systems


def _quiet_third_party_logs() -> None:
    import logging

    for name in ("trafilatura", "readability", "readability.readability", "htmldate"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


# ---------------------------------------------------------------- runs


@dataclass(frozen=True, slots=True)
class Run:
    system: str
    scores: Scores
    seconds: float  # CPU time of this process: what one core spends, whatever else runs
    wall_seconds: float
    pages: int


def run_set(
    pages: Sequence[Page],
    systems: dict[str, Callable[[str, str | None], str]],
    scorer: Callable[[Iterable[tuple[str, str]]], Scores],
) -> list[Run]:
    runs = []
    for name, system in systems.items():
        started, started_wall = time.process_time(), time.perf_counter()
        predictions = [system(page.html, page.url) for page in pages]
        elapsed = time.process_time() - started
        elapsed_wall = time.perf_counter() - started_wall
        pairs = zip((page.truth for page in pages), predictions, strict=True)
        scores = scorer(pairs)
        runs.append(Run(name, scores, elapsed, elapsed_wall, len(pages)))
    return runs


def print_table(title: str, runs: Sequence[Run]) -> None:
    reference = next((run for run in runs if run.system == "trafilatura"), None)
    print(title)
    print(f"  {'system':<18}{'P':>7}{'R':>7}{'F1':>7}{'F1/traf':>9}{'pages/s':>9}{'(wall)':>8}")
    for run in runs:
        ratio = f"{run.scores.f1 / reference.scores.f1:.3f}" if reference else "-"
        speed = run.pages / run.seconds if run.seconds else float("inf")
        wall = run.pages / run.wall_seconds if run.wall_seconds else float("inf")
        print(
            f"  {run.system:<18}{run.scores.precision:7.3f}{run.scores.recall:7.3f}"
            f"{run.scores.f1:7.3f}{ratio:>9}{speed:9.1f}{wall:8.1f}"
        )
    print()


def title_accuracy(limit: int | None) -> tuple[int, int, list[str]]:
    """(matches, pages, mismatch descriptions) on Readability's test pages."""
    matches = 0
    total = 0
    misses: list[str] = []
    for folder in sorted(TITLES_DIR.iterdir())[:limit]:
        metadata_path = folder / "expected-metadata.json"
        source_path = folder / "source.html"
        if not metadata_path.exists() or not source_path.exists():
            continue
        expected = json.loads(metadata_path.read_text(encoding="utf-8")).get("title")
        if not expected:
            continue
        total += 1
        html = _read_page(source_path)
        try:
            title = extract_document(html, None).title
        except ExtractionError as exc:
            title = f"<ExtractionError: {exc}>"
        if clean_text(title) == clean_text(expected):
            matches += 1
        else:
            misses.append(f"{folder.name}: got {title!r}, expected {expected!r}")
    return matches, total, misses


@dataclass(frozen=True, slots=True)
class WcxbMetadata:
    titles: int  # equal (after clean_text) to the human-reviewed title
    pages: int
    bylines: int  # naming the human-reviewed author (a job title after it allowed)
    no_byline: int
    authored: int  # pages whose ground truth names an author


def _byline_matches(byline: str, author: str) -> bool:
    """Same letters and digits, or the author's name with a short addition
    ("Keith Barry, Senior Autos Reporter")."""
    ours, theirs = _key(byline), _key(author)
    return ours == theirs or (theirs in ours and len(ours) < 2 * len(theirs))


def _key(text: str) -> str:
    return "".join(_WORD.findall(text.casefold())).replace("_", "")


def wcxb_metadata_accuracy(limit: int | None) -> WcxbMetadata:
    """Our title and byline against WCXB's human-reviewed title and author."""
    titles = pages = bylines = no_byline = authored = 0
    for path in sorted((WCXB_DIR / "ground-truth").glob("*.json"))[:limit]:
        data = json.loads(path.read_text(encoding="utf-8"))
        truth = data.get("ground_truth", {})
        expected, author = truth.get("title"), truth.get("author")
        if not expected and not author:
            continue
        html = _read_page(WCXB_DIR / "html" / f"{path.stem}.html.gz")
        try:
            document = extract_document(html, data.get("url"))
            title, byline = document.title, document.byline
        except ExtractionError:
            title, byline = "", None
        if expected:
            pages += 1
            titles += clean_text(title) == clean_text(expected)
        if author:
            authored += 1
            no_byline += byline is None
            bylines += byline is not None and _byline_matches(byline, author)
    return WcxbMetadata(titles, pages, bylines, no_byline, authored)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per set (default all)")
    parser.add_argument("--sets", default="aeb,wcxb,titles", help="comma-separated sets to run")
    parser.add_argument("--only-ours", action="store_true", help="skip the comparison systems")
    parser.add_argument("--show-title-misses", action="store_true")
    args = parser.parse_args(argv)
    sets = set(args.sets.split(","))
    _quiet_third_party_logs()
    if not EVAL_DIR.is_dir():
        print(f"evaluation data not found at {EVAL_DIR.resolve()}: nothing to do")
        return 0
    print(f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}\n")
    systems = available_systems()
    if args.only_ours:
        systems = {"ours": systems["ours"]}
    our_pages = 0
    our_seconds = 0.0

    suites = (
        ("aeb", AEB_DIR, load_aeb, aeb_scores, "AEB (181 pages), 4-gram shingle metric"),
        ("wcxb", WCXB_DIR, load_wcxb, word_scores, "WCXB articles/dev, word-bag F1 (macro)"),
    )
    for key, directory, loader, scorer, title in suites:
        if key not in sets:
            continue
        if not directory.is_dir():
            print(f"{title}: data not found at {directory.resolve()}, skipped\n")
            continue
        if key == "aeb":
            check_aeb_scorer()
        pages = loader(args.limit)
        runs = run_set(pages, systems, scorer)
        print_table(f"{title}, {len(pages)} pages", runs)
        for run in runs:
            if run.system == "ours":
                our_pages += run.pages
                our_seconds += run.seconds

    if "titles" in sets:
        if TITLES_DIR.is_dir():
            started = time.process_time()
            matches, total, misses = title_accuracy(args.limit)
            elapsed = time.process_time() - started
            our_pages += total
            our_seconds += elapsed
            share = matches / total if total else 0.0
            print(
                f"Title exact match (equal after clean_text) on readability-test-pages: "
                f"{matches}/{total} = {share:.1%}"
            )
            if args.show_title_misses:
                for miss in misses:
                    print("  " + miss)
            print()
        else:
            print(f"readability-test-pages not found at {TITLES_DIR.resolve()}, skipped\n")
        if WCXB_DIR.is_dir():
            started = time.process_time()
            found = wcxb_metadata_accuracy(args.limit)
            our_pages += found.pages
            our_seconds += time.process_time() - started
            share = found.titles / found.pages if found.pages else 0.0
            print(
                f"Title exact match vs WCXB's human titles: {found.titles}/{found.pages} "
                f"= {share:.1%}"
            )
            share = found.bylines / found.authored if found.authored else 0.0
            wrong = found.authored - found.bylines - found.no_byline
            print(
                f"Byline naming WCXB's human author: {found.bylines}/{found.authored} = "
                f"{share:.1%} (no byline {found.no_byline}, another {wrong})"
            )
            print()

    if our_seconds:
        print(
            f"Our extractor speed (CPU time of one core, all pages above): "
            f"{our_pages / our_seconds:.1f} pages/s over {our_pages} pages"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
