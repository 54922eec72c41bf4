"""`newsdiff check` over a batch holding every hostile case of issue 9 (CLI).

A healthy article, then each hostile one (redirects to javascript:, mailto:, data:,
about:, http:nohost, port 99999, link-local addresses written or resolved, a story
dead for 50 checks, a page whose extractor raises, absurd Retry-After values), the
pages that used to be stored wrongly (a bidi override, markup nested 300 deep, a
wrong charset header, stray bytes in UTF-8, a 1 MB paragraph, a PDF sent as HTML),
then another healthy article, all from one local server: the command exits 0, every
hostile article has its recorded check with a readable error, every page is stored
as the reader saw it (with its flag) or refused in words, and both healthy articles
get a version.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.robustness_fetch import (
    METADATA_NAME,
    HostileSite,
    assert_batch_recorded,
    content_cases,
    crashing_extract,
    hostile_cases,
    resolving,
    track_batch,
)
from newsdiff_gui.cli import main, tracking
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore


@pytest.fixture
def site() -> Iterator[HostileSite]:
    with HostileSite() as opened, resolving(METADATA_NAME, "169.254.169.254"):
        yield opened


def test_check_records_every_hostile_article_and_checks_the_healthy_ones(
    site: HostileSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "batch.sqlite3"
    cases = hostile_cases(site.port)
    with VersionStore.open(db) as store:
        batch = track_batch(site, store, cases, content_cases())

    # The page with the crash marker makes the extractor raise, as an extractor bug would.
    @contextlib.contextmanager
    def crashing(_cancel: object) -> Iterator[object]:
        yield crashing_extract

    monkeypatch.setattr(tracking, "_extractor", crashing)

    code = main(["--db", str(db), "check"])

    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == len(batch.every)
    for article_id in batch.healthy:
        assert any(line.lstrip().startswith(f"{article_id}  new version 1") for line in lines)
    for article_id, case in batch.hostile.items():
        (line,) = [line for line in lines if line.lstrip().startswith(f"{article_id}  ")]
        assert "  failed (" in line and case.words in line, (case.name, line)
    with VersionStore.open(db) as store:
        assert_batch_recorded(store, batch)


def test_list_never_prints_a_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "list.sqlite3"
    now = datetime(2026, 3, 3, tzinfo=UTC)
    # An address stored before the URL rules percent-encoded such characters.
    stored = "https://news.example/\u202eexe.txt?x=\u2066"
    with VersionStore.open(db) as store:
        article = store.add_article(stored, initial_state(SchedulePolicy(), now), now)
        store.checks.record(
            article.id,
            started_at=now,
            duration=0.1,
            outcome="http_error",
            error="HTTP 599 \u202eok",
        )

    assert main(["--db", str(db), "list"]) == 0
    table = capsys.readouterr().out
    assert table.replace("\n", "").isprintable()
    assert "<https://news.example/%E2%80%AEexe.txt?x=%E2%81%A6>" in table
    assert "last error: HTTP 599 ⟨RLO⟩ok" in table

    assert main(["--db", str(db), "list", "--json"]) == 0
    text = capsys.readouterr().out
    assert text.replace("\n", "").isprintable() and "\\u202e" in text
    (item,) = json.loads(text)
    assert item["url"] == stored and item["last_error"] == "HTTP 599 \u202eok"  # true values
