"""`newsdiff extract FILE… [--json]` through the real CLI entry point."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from newsdiff_gui.cli.pages import MAX_PAGE_BYTES
from newsdiff_gui.core.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"
NEWS_PAGE = FIXTURES / "news_page.html"
TITLE = "Harbour bridge repairs to close lanes for six weeks"


def _json_lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_json_line_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(NEWS_PAGE), "--json"]) == 0
    (record,) = _json_lines(capsys.readouterr().out)
    assert set(record) == {
        "file",
        "title",
        "byline",
        "published",
        "modified",
        "paragraphs",
        "extractor",
    }
    assert record["file"] == str(NEWS_PAGE)
    assert record["title"] == TITLE
    assert record["byline"] == "Marta Quill"
    assert record["published"] == "2024-03-12T08:15:00+00:00"
    assert record["modified"] == "2024-03-12T10:47:00+00:00"
    paragraphs = record["paragraphs"]
    assert isinstance(paragraphs, list) and len(paragraphs) == 7
    assert paragraphs[2] == "Why now?"
    assert record["extractor"] == f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"


def test_gzip_file_and_windows_1252_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packed = tmp_path / "bridge.html.gz"
    packed.write_bytes(gzip.compress(NEWS_PAGE.read_bytes()))
    cafe = FIXTURES / "windows1252_page.html"
    assert main(["extract", str(packed), str(cafe), "--json"]) == 0
    first, second = _json_lines(capsys.readouterr().out)
    assert first["file"] == str(packed) and first["title"] == TITLE
    assert second["title"] == "Le café du port rouvre ses portes"


def test_failing_files_reported_and_others_still_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.html"
    corrupt = tmp_path / "corrupt.html.gz"
    corrupt.write_bytes(b"this is not gzip data at all")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    navigation = FIXTURES / "no_article.html"
    files = [missing, corrupt, NEWS_PAGE, empty, navigation]
    assert main(["extract", *map(str, files), "--json"]) == 1
    captured = capsys.readouterr()
    records = _json_lines(captured.out)
    assert [record["file"] for record in records] == [str(path) for path in files]
    for index in (0, 1, 3, 4):
        assert set(records[index]) == {"file", "error"}
        assert isinstance(records[index]["error"], str) and records[index]["error"]
    assert "no such file" in str(records[0]["error"])
    assert "gzip" in str(records[1]["error"])
    assert "navigation" in str(records[4]["error"])
    assert records[2]["title"] == TITLE
    assert captured.err.count("newsdiff: error:") == 4


def test_truncated_gzip_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    packed = gzip.compress(NEWS_PAGE.read_bytes())
    truncated = tmp_path / "cut.html.gz"
    truncated.write_bytes(packed[: len(packed) // 2])
    assert main(["extract", str(truncated), "--json"]) == 1
    (record,) = _json_lines(capsys.readouterr().out)
    assert set(record) == {"file", "error"}


def test_gzip_bomb_refused_without_inflating_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as stream:
        chunk = b" " * (1024 * 1024)
        for _ in range(MAX_PAGE_BYTES // len(chunk) + 2):
            stream.write(chunk)
    assert main(["extract", str(bomb), "--json"]) == 1
    (record,) = _json_lines(capsys.readouterr().out)
    assert "too large" in str(record["error"])


def test_text_rendering(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(NEWS_PAGE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== {NEWS_PAGE}\n{TITLE}\nBy Marta Quill\n")
    assert "Published: 2024-03-12T08:15:00+00:00\n" in out
    assert "Modified: 2024-03-12T10:47:00+00:00\n" in out
    assert "\n\nWhy now?\n\n" in out
    assert out.rstrip().endswith("after the first week.")


def test_text_mode_error_goes_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.html"), str(NEWS_PAGE)]) == 1
    captured = capsys.readouterr()
    assert "no such file" in captured.err
    assert TITLE in captured.out


def test_requires_a_file() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract"])
    assert exit_info.value.code == 2
