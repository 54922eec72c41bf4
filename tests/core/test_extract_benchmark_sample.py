"""Regression guard on real pages: a sample of the public benchmarks, if present.

The data lives outside the repository (../shared/eval, third-party pages used as
test data only); without it these tests are skipped. The full comparison with
trafilatura and readability-lxml is `benchmarks/extraction.py`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "extraction.py"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_benchmark", _SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _benchmark()


@pytest.mark.skipif(not bench.AEB_DIR.is_dir(), reason="scrapinghub-aeb data not present")
def test_aeb_sample_f1() -> None:
    pages = bench.load_aeb(limit=20)
    scores = bench.aeb_scores((page.truth, bench.ours(page.html, page.url)) for page in pages)
    # Measured F1 0.963 (P 0.947) on these 20 pages when written; trafilatura's
    # default settings score about 0.95 on all 181.
    assert scores.f1 >= 0.95, scores
    assert scores.precision >= 0.93, scores


@pytest.mark.skipif(not bench.WCXB_DIR.is_dir(), reason="wcxb-articles data not present")
def test_wcxb_sample_f1() -> None:
    pages = bench.load_wcxb(limit=20)
    scores = bench.word_scores((page.truth, bench.ours(page.html, page.url)) for page in pages)
    # Measured 0.972 on these 20 pages when written.
    assert scores.f1 >= 0.95, scores


@pytest.mark.skipif(not bench.AEB_DIR.is_dir(), reason="scrapinghub-aeb data not present")
def test_aeb_scorer_reproduces_published_trafilatura_score() -> None:
    import json

    truth = json.loads((bench.AEB_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    output_path = bench.AEB_DIR / "output" / "trafilatura.json"
    if not output_path.exists():
        pytest.skip("published outputs not present")
    output = json.loads(output_path.read_text(encoding="utf-8"))["output"]
    scores = bench.aeb_scores(
        (item["articleBody"], (output.get(key) or {}).get("articleBody") or "")
        for key, item in truth.items()
    )
    assert round(scores.f1, 3) == 0.958
    assert round(scores.precision, 3) == 0.938
    assert round(scores.recall, 3) == 0.978


@pytest.mark.skipif(not bench.TITLES_DIR.is_dir(), reason="readability-test-pages not present")
def test_title_accuracy_on_readability_pages() -> None:
    # Readability's expected title is the page's <title> tidied (often with the
    # site's name: "… | eHow", "… - Medium"); ours is the visible <h1> when the
    # page has one, so about a fifth of these differ by design (was >= 0.9 when
    # the title came from structured data; see the WCXB test below for truth).
    matches, total, _misses = bench.title_accuracy(None)
    assert matches / total >= 0.75


@pytest.mark.skipif(not bench.WCXB_DIR.is_dir(), reason="wcxb-articles not present")
def test_title_and_byline_are_the_ones_readers_see_on_wcxb_pages() -> None:
    # WCXB's titles are human-reviewed headlines as printed on the page: the
    # visible <h1> matches them far more often than structured data (0.67 before).
    found = bench.wcxb_metadata_accuracy(150)
    assert found.titles / found.pages >= 0.75
    # The byline names the human-reviewed author: 0.85 on these 150 pages (0.78
    # when a lone "By", a menu's "By industry" or a date's weekday could stand
    # as the byline).
    assert found.bylines / found.authored >= 0.82
