"""`newsdiff` counts agree with their nouns: "1 paragraph", "has 1 version"."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from newsdiff_gui.core.report import ReportOptions
from tests.support.pages import article_page

URL = "https://courier.example/short"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """One article with one version of one paragraph."""
    path = str(tmp_path / "cli.sqlite3")
    page = tmp_path / "v1.html"
    page.write_text(
        article_page(paragraphs=("Storm warning lifted across the northern coast tonight.",)),
        encoding="utf-8",
    )
    code, _out, err = run(
        capsys,
        "--db",
        path,
        "import",
        str(page),
        "--url",
        URL,
        "--captured-at",
        "2026-03-03T10:00:00Z",
    )
    assert code == 0, err
    return path


def test_versions_table_says_one_paragraph(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "versions", "1")
    assert code == 0
    assert "  1 paragraph  " in out and "1 paragraphs" not in out


def test_a_diff_of_one_version_says_version(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", db, "export", "1", "--json", "-")
    assert code == 1
    assert "has 1 version;" in err and "version(s)" not in err


def test_report_options_describe_context_in_words() -> None:
    assert (
        ReportOptions(changes_only=True, context=1)
        .describe()
        .startswith("changes only, 1 paragraph of context")
    )
    assert (
        ReportOptions(changes_only=True, context=2)
        .describe()
        .startswith("changes only, 2 paragraphs of context")
    )
