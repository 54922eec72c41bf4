"""`newsdiff checks ID`: every check of an article, and why a changed page made no version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.cli import main
from tests.support.pages import STORM, article_page


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _serve(httpserver: HTTPServer, page: str, status: int = 200) -> None:
    httpserver.clear()
    httpserver.expect_request("/storm").respond_with_data(
        page.encode(), status=status, content_type="text/html; charset=utf-8"
    )


def test_checks_say_what_each_found_and_why(
    tmp_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.sqlite3")
    _serve(httpserver, article_page())
    assert run(capsys, "--db", db, "track", httpserver.url_for("/storm"))[0] == 0
    assert run(capsys, "--db", db, "check", "1")[0] == 0
    # The page changes around the story: `check` says why no version was stored.
    _serve(httpserver, article_page(updated="Updated 11:05 GMT", ad_slot="Advertisement: Chairs"))
    code, out, _ = run(capsys, "--db", db, "check", "1")
    why = "the page changed around the story; its text is version 1's"
    assert code == 0 and f"unchanged: {why}" in out
    edited = (STORM[0].replace("Seven people were", "At least eight people were"), *STORM[1:])
    _serve(httpserver, article_page(paragraphs=edited))
    assert run(capsys, "--db", db, "check", "1")[0] == 0
    _serve(httpserver, "Not here", status=404)
    run(capsys, "--db", db, "check", "1")

    code, out, _ = run(capsys, "--db", db, "checks", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert lines[0].endswith("200  new version 1")
    assert lines[1].endswith(f"200  unchanged: {why}")
    assert lines[2].endswith("200  new version 2")
    assert " 404  http error: HTTP 404" in lines[3]

    code, out, _ = run(capsys, "--db", db, "checks", "1", "--json")
    checks = json.loads(out)
    assert [(c["outcome"], c["version"], c["detail"]) for c in checks] == [
        ("new_version", 1, None),
        ("unchanged", None, why),
        ("new_version", 2, None),
        ("http_error", None, None),
    ]
    assert checks[3]["http_status"] == 404 and checks[3]["error"].startswith("HTTP 404")
    assert all(c["started_at"].endswith("Z") for c in checks)


def test_checks_of_an_unknown_article_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "cli.sqlite3"), "checks", "7")
    assert code == 1 and out == ""
    assert err.startswith("newsdiff: error:") and len(err.splitlines()) == 1
