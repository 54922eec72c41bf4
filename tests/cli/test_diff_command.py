"""`newsdiff diff OLD NEW --format json|text|html` (DESIGN.md's CLI contract)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

import newsdiff_gui.cli as cli
from newsdiff_gui.core.align import Diff, check_invariants
from newsdiff_gui.core.align.model import paragraph_text
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from tests.support.pages import STORM, STORM_TITLE, article_page

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
EDITED = (
    STORM[0].replace("Seven people were", "At least eight people were"),
    *STORM[1:4],
    STORM[5],
)


@pytest.fixture(autouse=True)
def only_the_diff_command(monkeypatch: pytest.MonkeyPatch) -> None:
    # These tests are about `diff`; other commands' imports must not decide them.
    monkeypatch.setattr(cli, "_COMMAND_MODULES", ("newsdiff_gui.cli.diff_command",))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_json(path: Path, title: str, paragraphs: tuple[str, ...]) -> Path:
    path.write_text(json.dumps({"title": title, "paragraphs": list(paragraphs)}), "utf-8")
    return path


def diff_from_json(data: dict[str, object]) -> Diff:
    """Rebuild enough of a Diff from its JSON to run the invariant checker on it."""
    from newsdiff_gui.core.align.model import (
        AlignOptions,
        ChangeKind,
        DiffStats,
        Row,
        TitleChange,
        Token,
        TokenOp,
    )

    def tokens(items: list[dict[str, str]]) -> tuple[Token, ...]:
        return tuple(Token(TokenOp(t["op"]), t["text"]) for t in items)

    old, new = data["old"], data["new"]
    assert isinstance(old, dict) and isinstance(new, dict)
    rows = tuple(
        Row(
            ChangeKind(r["kind"]),
            tuple(r["old"]),
            tuple(r["new"]),
            r["similarity"],
            r["minor"],
            tokens(r["tokens"]),
            r["numbers_changed"],
            r["quote_changed"],
        )
        for r in data["rows"]  # type: ignore[attr-defined]
    )
    title = data["title"]
    assert isinstance(title, dict)
    return Diff(
        Document(old["title"], tuple(old["paragraphs"])),
        Document(new["title"], tuple(new["paragraphs"])),
        TitleChange(ChangeKind(title["kind"]), tokens(title["tokens"])),
        rows,
        DiffStats(**data["stats"]),  # type: ignore[arg-type]
        AlignOptions(),
    )


def test_json_output_is_schema_2_and_sound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_json(tmp_path / "old.json", STORM_TITLE, STORM)
    new = write_json(tmp_path / "new.json", STORM_TITLE + " (updated)", EDITED)
    code, out, err = run(capsys, "diff", str(old), str(new), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"schema", "old", "new", "title", "rows", "stats"}
    assert data["schema"] == 2
    assert data["old"]["paragraphs"] == [paragraph_text(p) for p in STORM]
    assert data["title"]["kind"] == "edited"
    first = data["rows"][0]
    assert first["kind"] == "edited" and first["numbers_changed"] is True
    assert {"op": "delete", "text": "Seven"} in first["tokens"]
    assert data["stats"]["removed"] == 1 and data["stats"]["edited"] == 1
    assert check_invariants(diff_from_json(data)) == []


def test_text_output_has_markers_and_color_is_optional(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_json(tmp_path / "old.json", STORM_TITLE, STORM)
    new = write_json(
        tmp_path / "new.json", STORM_TITLE, (*EDITED[2:], "A new paragraph.", EDITED[0])
    )
    code, out, _ = run(capsys, "diff", str(old), str(new))
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("~ [edited") or line.startswith("> [moved") for line in lines)
    assert any(line.startswith("+ [added") for line in lines)
    assert any(line.startswith("- [removed") for line in lines)
    assert "[-Seven-]{+At least eight+}" in out
    assert "\x1b[" not in out
    code, colored, _ = run(capsys, "diff", str(old), str(new), "--color")
    assert code == 0 and "\x1b[9;31mSeven\x1b[0m" in colored


def test_html_output_is_self_contained_and_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write_json(tmp_path / "old.json", "A <b>title</b>", ("Fish & chips <script>x</script>",))
    new = write_json(tmp_path / "new.json", "A <b>title</b>", ("Fish & chips, <script>y</script>",))
    code, out, _ = run(capsys, "diff", str(old), str(new), "--format", "html")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and "</html>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert "http://" not in out and "https://" not in out and "src=" not in out
    assert "<del>" in out and "<ins>" in out and "Edited" in out


def test_txt_files_are_paragraphs_separated_by_blank_lines_without_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("First paragraph\nwraps here.\n\n\nSecond one.\n", "utf-8")
    new.write_text("\ufeffFirst paragraph wraps here.\n  \nSecond one, longer.\n", "utf-8")
    code, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["old"] == {
        "title": "",
        "paragraphs": ["First paragraph wraps here.", "Second one."],
    }
    assert [row["kind"] for row in data["rows"]] == ["unchanged", "edited"]


def test_html_pages_are_extracted_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.html"
    new = tmp_path / "new.htm"
    old.write_bytes(article_page().encode())
    new.write_bytes(article_page(paragraphs=EDITED).encode())
    code, out, err = run(capsys, "diff", str(old), str(new), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["new"]["title"] == STORM_TITLE
    assert data["stats"]["edited"] >= 1 and data["stats"]["removed"] >= 1


def test_stored_versions_by_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    with VersionStore.open(db) as store:
        article = store.add_article(
            "https://news.example/storm", initial_state(SchedulePolicy(), T0), T0
        )
        for offset, paragraphs in enumerate((STORM, EDITED)):
            store.add_capture(
                article.id,
                Capture(
                    raw=article_page(paragraphs=paragraphs).encode(),
                    document=Document(STORM_TITLE, paragraphs),
                    extractor="test",
                    extractor_version="1",
                    captured_at=T0.replace(hour=10 + offset),
                    source=VersionSource.IMPORT,
                ),
            )
    ref = f"{article.id}@"
    code, out, err = run(capsys, "--db", str(db), "diff", ref + "1", ref + "2", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["stats"]["edited"] == 1
    code, _, err = run(capsys, "--db", str(db), "diff", ref + "1", ref + "9")
    assert code == 1 and err.count("\n") == 1 and "@9" in err


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.json", "no such file"),
        ("{not json", "broken.json", "not valid JSON"),
        ('{"title": 3, "paragraphs": []}', "typed.json", "'title' must be a string"),
        ('{"title": "t", "paragraphs": "x"}', "flat.json", "'paragraphs' must be a list"),
        ("x", "notes.md", "expected a .html, .htm, .json or .txt file"),
        ("<html><body><nav>Home</nav></body></html>", "empty.html", "empty.html"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    name: str,
    message: str,
) -> None:
    good = write_json(tmp_path / "good.json", "t", ("p",))
    bad = tmp_path / name
    if content is not None:
        bad.write_text(content, "utf-8")
    code, out, err = run(capsys, "diff", str(good), str(bad))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("newsdiff: error:") and message in err


def test_non_utf8_text_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = run(capsys, "diff", str(bad), str(bad))
    assert code == 1 and "not UTF-8" in err


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["diff", "a.json", "b.json", "--format", "pdf"])
    assert exit_info.value.code == 2


def test_a_lone_surrogate_in_json_input_is_escaped_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('{"title": "t\\ud800", "paragraphs": ["a \\ud800 b"]}', "utf-8")
    good = write_json(tmp_path / "good.json", "t", ("a b",))
    code, out, _ = run(capsys, "diff", str(odd), str(good), "--format", "json")
    assert code == 0
    assert json.loads(out)["old"]["paragraphs"] == ["a \ud800 b"]
