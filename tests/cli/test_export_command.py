"""`newsdiff export`: annotated diffs of stored versions as JSON and HTML files (PDF: tests/ui)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdiff_gui import cli
from newsdiff_gui.core.align import align
from newsdiff_gui.core.annotations import ReviewState, row_anchor
from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.rows import RowKey
from newsdiff_gui.core.store import VersionStore

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "export.sqlite3"
    with VersionStore.open(path) as store:
        article = load_demo(store)[0]
        versions = store.list_versions(article)
        old, new = versions[-2], versions[-1]
        diff = align(old.document, new.document)
        changed = next(i for i, row in enumerate(diff.rows) if row.kind.value != "unchanged")
        store.annotations.add(
            article_id=article,
            from_version_id=old.id,
            to_version_id=new.id,
            anchor=row_anchor(diff, RowKey.body(changed)),
            now=NOW,
            note="Checked against the council papers.",
            state=ReviewState.SIGNIFICANT,
            author="Ana",
        )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = cli.main(list(argv))
    return code, capsys.readouterr().err


def test_json_and_html_exports_of_the_latest_change(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json, out_html = tmp_path / "out.json", tmp_path / "out.html"
    code, err = run(
        capsys, "--db", str(db), "export", "1", "--json", str(out_json), "--html", str(out_html)
    )
    assert (code, err) == (0, "")
    data = json.loads(out_json.read_text(encoding="utf-8"))
    with VersionStore.open(db) as store:
        versions = store.list_versions(1)
    assert data["provenance"]["old"]["number"] == versions[-2].number
    assert data["provenance"]["new"]["sha256"] == versions[-1].sha256
    assert [a["note"] for a in data["annotations"]] == ["Checked against the council papers."]
    html = out_html.read_text(encoding="utf-8")
    assert versions[-1].sha256 in html and "Checked against the council papers." in html
    assert oct(out_html.stat().st_mode & 0o777) != oct(0o600)  # shareable, not private


def test_named_versions_changes_only_and_no_notes(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full, short = tmp_path / "full.html", tmp_path / "short.html"
    assert (
        run(
            capsys, "--db", str(db), "export", "1", "--from", "1", "--to", "4", "--html", str(full)
        )[0]
        == 0
    )
    code, _ = run(
        capsys,
        "--db",
        str(db),
        "export",
        "1",
        "--from",
        "1",
        "--to",
        "4",
        "--html",
        str(short),
        "--changes-only",
        "--context",
        "0",
        "--no-notes",
    )
    assert code == 0
    assert "Version 1" in full.read_text() and "Version 4" in full.read_text()
    assert len(short.read_text()) < len(full.read_text())
    assert "not shown" in short.read_text()


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["export", "1"], 2, "name at least one output"),
        (["export", "9", "--json", "x.json"], 1, "no article with id 9"),
        (["export", "1", "--to", "1", "--json", "x.json"], 1, "no earlier version"),
        (["export", "1", "--from", "1", "--to", "99", "--json", "x.json"], 1, "no version 99"),
        (["export", "1", "--from", "0", "--json", "x.json"], 2, "not a version number"),
        (["export", "1", "--json", "missing-folder/x.json"], 1, "cannot write the export"),
    ],
)
def test_errors_are_one_line_and_write_nothing(
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        got, err = run(capsys, "--db", str(db), *argv)
    except SystemExit as exit_:  # argparse's usage errors
        got, err = int(exit_.code or 0), capsys.readouterr().err
    assert got == code and message in err
    assert not (tmp_path / "x.json").exists()
    assert not list(tmp_path.glob(".x.json.*"))
