"""The `newsdiff` capture commands, as scripts use them (DESIGN.md contract)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.cli import main
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import STORM, article_page


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite3")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_track_check_list_versions_show(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = article_page().encode()
    httpserver.expect_request("/storm").respond_with_data(page, content_type="text/html")
    url = httpserver.url_for("/storm")

    code, out, _ = run(capsys, "--db", db, "track", url)
    assert code == 0 and out.strip() == "1"

    code, out, _ = run(capsys, "--db", db, "check", "--due")
    assert code == 0 and "new version 1" in out

    code, out, _ = run(capsys, "--db", db, "list", "--json")
    listed = json.loads(out)
    assert listed[0]["id"] == 1 and listed[0]["url"] == url and listed[0]["versions"] == 1
    assert listed[0]["title"] == "Storm batters coastal towns overnight"
    assert listed[0]["last_error"] is None
    assert set(listed[0]) >= {
        "id",
        "url",
        "title",
        "versions",
        "last_checked",
        "last_error",
        "next_check",
    }
    assert listed[0]["last_checked"].endswith("Z") and listed[0]["next_check"].endswith("Z")

    code, out, _ = run(capsys, "--db", db, "versions", "1", "--json")
    versions = json.loads(out)
    assert [v["number"] for v in versions] == [1]
    assert versions[0]["sha256"] == hashlib.sha256(page).hexdigest()
    assert versions[0]["paragraphs"] == list(STORM)
    assert versions[0]["flags"] == []
    assert set(versions[0]) >= {"number", "captured_at", "sha256", "title", "paragraphs", "flags"}

    code, out, _ = run(capsys, "--db", db, "show", "1@1", "--json")
    assert json.loads(out)["title"] == "Storm batters coastal towns overnight"
    code, out, _ = run(capsys, "--db", db, "show", "1@1")
    assert code == 0 and STORM[0] in out and hashlib.sha256(page).hexdigest() in out

    # Nothing due right after a check: `check --due` fetches nothing.
    code, out, _ = run(capsys, "--db", db, "check", "--due")
    assert code == 0 and out == ""


def test_show_raw_is_the_captured_bytes(db: str, httpserver: HTTPServer, tmp_path: Path) -> None:
    page = article_page().encode()
    httpserver.expect_request("/storm").respond_with_data(page, content_type="text/html")
    assert main(["--db", db, "track", httpserver.url_for("/storm")]) == 0
    assert main(["--db", db, "check"]) == 0
    raw = subprocess.run(
        [sys.executable, "-m", "newsdiff_gui.cli", "--db", db, "show", "1@1", "--raw"],
        capture_output=True,
        check=True,
    ).stdout
    assert raw == page


def test_import_and_flip_flop_flags(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "v1.html"
    first.write_text(article_page(), encoding="utf-8")
    second = tmp_path / "v2.html"
    second.write_text(
        article_page(paragraphs=(*STORM, "A new closing paragraph.")), encoding="utf-8"
    )
    url = "https://courier.example/storm"
    for path, moment in (
        (first, "2026-03-03T10:00:00Z"),
        (second, "2026-03-03T11:00:00Z"),
        (first, "2026-03-03T12:00:00+01:00"),
    ):
        code, out, err = run(
            capsys, "--db", db, "import", str(path), "--url", url, "--captured-at", moment
        )
        assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "versions", "1", "--json")
    versions = json.loads(out)
    assert [v["number"] for v in versions] == [1, 2, 3]
    assert versions[2]["flags"] == ["returns_to_version_1"]
    assert versions[2]["captured_at"] == "2026-03-03T11:00:00Z"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["track", "ftp://example.org/a"], "only http and https"),
        (["versions", "7"], "no article with id 7"),
        (["show", "7"], "expected ARTICLE_ID@VERSION"),
        (["show", "7@1"], "no article with id 7"),
        (["untrack", "3"], "no article with id 3"),
        (["check", "5"], "no article with id 5"),
        (["import", "/nonexistent/page.html", "--url", "https://x.example/"], "no such file"),
    ],
)
def test_errors_are_one_line_exit_1(
    db: str, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    VersionStore.open(db).close()  # an empty store: read commands refuse a missing one
    code, out, err = run(capsys, "--db", db, *argv)
    assert code == 1
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert out == ""


def test_duplicate_track_and_bad_import_store_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", db, "track", "https://courier.example/a")[0] == 0
    code, _, err = run(capsys, "--db", db, "track", "https://COURIER.example/a#comments")
    assert code == 1 and "already tracked as article 1" in err
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home</nav></body></html>")
    code, _, err = run(
        capsys, "--db", db, "import", str(empty), "--url", "https://courier.example/b"
    )
    assert code == 1 and "no article" in err
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert [a["url"] for a in json.loads(out)] == ["https://courier.example/a"]


def test_untrack_keeps_versions_and_purge_deletes(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "p.html"
    page.write_text(article_page())
    run(capsys, "--db", db, "import", str(page), "--url", "https://courier.example/storm")
    code, out, _ = run(capsys, "--db", db, "untrack", "1")
    assert code == 0 and out == "article 1 no longer checked; versions kept\n"
    listed = json.loads(run(capsys, "--db", db, "list", "--json")[1])
    assert listed[0]["active"] is False and listed[0]["versions"] == 1
    assert run(capsys, "--db", db, "untrack", "1", "--purge")[0] == 0
    assert json.loads(run(capsys, "--db", db, "list", "--json")[1]) == []


def test_corrupt_database_is_a_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "--db", str(bad), "list")
    assert code == 1 and "not a usable newsdiff database" in err


def test_env_var_selects_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSDIFF_DB", str(tmp_path / "env.sqlite3"))
    assert run(capsys, "track", "https://courier.example/x")[0] == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["versions", "not-a-number"])
    assert exited.value.code == 2


def test_diff_extracts_pages_in_the_child_process(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "storm.html"
    page.write_text(article_page(), encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", str(page), "--url", "https://x.example/a")
    assert code == 0 and out.startswith("stored as version 1 of article 1"), err

    def refuse(*_args: object) -> None:
        raise AssertionError("a page was extracted in the command's own process")

    # Every extraction in this process parses the page first (a name looked up per call).
    monkeypatch.setattr("newsdiff_gui.core.extract.api.parse_page", refuse)
    code, out, err = run(capsys, "--db", db, "diff", "1@1", str(page), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["new"]["paragraphs"] == list(STORM)


def test_import_and_check_extract_pages_in_the_child_process(
    db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    httpserver: HTTPServer,
) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("a page was extracted in the command's own process")

    monkeypatch.setattr("newsdiff_gui.core.extract.api.parse_page", refuse)
    page = tmp_path / "storm.html"
    page.write_text(article_page(), encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", str(page), "--url", "https://x.example/a")
    assert code == 0 and out.startswith("stored as version 1 of article 1"), err
    httpserver.expect_request("/storm").respond_with_data(
        article_page(), content_type="text/html; charset=utf-8"
    )
    code, out, err = run(capsys, "--db", db, "track", httpserver.url_for("/storm"))
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "check", out.strip())
    assert code == 0 and "new version 1" in out, err
