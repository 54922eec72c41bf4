"""`newsdiff` and hidden characters: flagged in `versions`, kept true in JSON, shown as
markers in text output (issue 9, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from tests.support.pages import STORM, article_page

RLO, PDF = "\u202e", "\u202c"
URL = "https://courier.example/storm"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A store with two versions of one article; the second reverses a figure."""
    path = str(tmp_path / "cli.sqlite3")
    reversed_first = STORM[0].replace("Seven", f"{RLO}neveS{PDF}")
    pages = [
        article_page(),
        article_page(title=f"Storm {RLO}kcab{PDF}", paragraphs=(reversed_first, *STORM[1:])),
    ]
    for number, page in enumerate(pages):
        file = tmp_path / f"v{number}.html"
        file.write_text(page, encoding="utf-8")
        moment = f"2026-03-03T1{number}:00:00Z"
        code, _out, err = run(
            capsys, "--db", path, "import", str(file), "--url", URL, "--captured-at", moment
        )
        assert code == 0, err
    return path


def test_versions_json_lists_the_flag_and_keeps_the_characters(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "versions", "1", "--json")
    assert code == 0
    versions = json.loads(out)
    assert "hidden_characters" not in versions[0]["flags"]
    assert "hidden_characters" in versions[1]["flags"]
    assert versions[1]["paragraphs"][0].startswith(f"{RLO}neveS{PDF} people")
    assert versions[1]["title"] == f"Storm {RLO}kcab{PDF}"
    # Decoded, the true characters; printed, escaped, so the terminal is not reordered.
    assert RLO not in out and '"Storm \\u202ekcab\\u202c"' in out
    code, out, _ = run(capsys, "--db", db, "show", "1@2", "--json")
    assert json.loads(out)["title"] == f"Storm {RLO}kcab{PDF}" and RLO not in out


def test_text_output_shows_markers(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = [
        run(capsys, "--db", db, "versions", "1")[1],
        run(capsys, "--db", db, "show", "1@2")[1],
        run(capsys, "--db", db, "list")[1],
        run(capsys, "--db", db, "diff", "1@1", "1@2", "--format", "text")[1],
        run(capsys, "--db", db, "diff", "1@1", "1@2", "--format", "html")[1],
    ]
    for output in outputs:
        assert "⟨RLO⟩kcab⟨PDF⟩" in output or "⟨RLO⟩</bdi>kcab<bdi" in output, output[:300]
        assert RLO not in output and PDF not in output
    versions, show, _listing, diff_text, _diff_html = outputs
    assert "[hidden_characters]" in versions
    assert "Flag: hidden_characters" in show
    assert "⟨RLO⟩neveS⟨PDF⟩ people were killed" in show
    assert "{+⟨RLO⟩neveS⟨PDF⟩+}" in diff_text


def test_diff_json_keeps_the_characters(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "diff", "1@1", "1@2", "--format", "json")
    assert code == 0
    assert f"{RLO}neveS{PDF}" in json.loads(out)["new"]["paragraphs"][0]
    assert RLO not in out  # escaped on the terminal, decoded exactly by a script


def test_extract_json_escapes_hidden_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_page(title=f"Storm {RLO}kcab{PDF}"), encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(page), "--json")
    assert code == 0
    assert json.loads(out)["title"] == f"Storm {RLO}kcab{PDF}"
    assert RLO not in out and "\\u202e" in out
