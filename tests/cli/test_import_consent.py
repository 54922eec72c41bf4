"""`newsdiff import` contacts the live site only when asked to (`--track`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.cli import main
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import STORM, article_page


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite3")


@pytest.fixture
def site(httpserver: HTTPServer, tmp_path: Path) -> tuple[str, Path]:
    """The live page on a local server, and a saved copy of it naming it as canonical."""
    httpserver.expect_request("/storm").respond_with_data(
        article_page(paragraphs=(*STORM, "An update published later.")).encode(),
        content_type="text/html",
    )
    url = httpserver.url_for("/storm")
    saved = tmp_path / "saved.html"
    saved.write_text(
        article_page().replace("<head>", f'<head><link rel="canonical" href="{url}">', 1),
        encoding="utf-8",
    )
    return url, saved


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def requests_to(server: HTTPServer) -> int:
    return len(server.log)


def test_import_alone_never_contacts_the_site_even_on_check_due(
    db: str, site: tuple[str, Path], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url, saved = site
    code, out, err = run(capsys, "--db", db, "import", str(saved), "--url", url)
    assert code == 0, err
    assert out == (
        "stored as version 1 of article 1; the live page is not checked (use --track to check it)\n"
    )
    code, out, err = run(capsys, "--db", db, "check", "--due")
    assert code == 0, err
    code, out, err = run(capsys, "--db", db, "check")  # "all tracked": not this one either
    assert code == 0, err
    assert requests_to(httpserver) == 0
    listed = json.loads(run(capsys, "--db", db, "list", "--json")[1])
    assert listed[0]["active"] is False and listed[0]["stopped_reason"] == "imported"
    assert listed[0]["next_check"] is None
    assert "not checked (imported only)" in run(capsys, "--db", db, "list")[1]


def test_import_with_track_is_checked_on_the_next_due_pass(
    db: str, site: tuple[str, Path], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url, saved = site
    code, out, err = run(capsys, "--db", db, "import", str(saved), "--url", url, "--track")
    assert code == 0, err
    assert out.startswith("stored as version 1 of article 1; the live page is checked on")
    assert requests_to(httpserver) == 0  # importing itself never fetches
    code, out, err = run(capsys, "--db", db, "check", "--due")
    assert code == 0, err
    assert requests_to(httpserver) == 1
    assert "new version 2" in out


def test_an_explicit_check_contacts_an_imported_article_once_without_scheduling_it(
    db: str, site: tuple[str, Path], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url, saved = site
    run(capsys, "--db", db, "import", str(saved), "--url", url)
    code, out, err = run(capsys, "--db", db, "check", "1")
    assert code == 0, err
    assert requests_to(httpserver) == 1 and "new version 2" in out
    # Still imported only: the next due pass leaves it alone.
    run(capsys, "--db", db, "check", "--due")
    assert requests_to(httpserver) == 1
    with VersionStore.open(db) as store:
        article = store.get_article(1)
    assert not article.active and article.stopped_reason == "imported"
    assert article.next_check_at is None
    # Tracking its address is the consent the import lacked: due at once.
    code, out, err = run(capsys, "--db", db, "track", url)
    assert code == 0 and out.strip() == "1", err
    run(capsys, "--db", db, "check", "--due")
    assert requests_to(httpserver) == 2


def test_importing_into_a_tracked_article_keeps_its_schedule(
    db: str, site: tuple[str, Path], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url, saved = site
    assert run(capsys, "--db", db, "track", url)[0] == 0
    with VersionStore.open(db) as store:
        before = store.get_article(1)
    code, out, err = run(capsys, "--db", db, "import", str(saved), "--url", url)
    assert code == 0, err
    assert out == (
        "stored as version 1 of article 1; the live page is checked on schedule, as before\n"
    )
    with VersionStore.open(db) as store:
        after = store.get_article(1)
    assert after.active and after.stopped_reason is None
    assert after.next_check_at == before.next_check_at
    assert after.check_interval == before.check_interval


def test_track_does_not_start_checking_an_article_that_was_only_imported(
    db: str, site: tuple[str, Path], httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url, saved = site
    run(capsys, "--db", db, "import", str(saved), "--url", url, "--captured-at", "2026-03-01")
    code, out, err = run(capsys, "--db", db, "import", str(saved), "--url", url, "--track")
    assert code == 0, err
    assert out == (
        "article 1: unchanged (same text as the latest version); the live page is not "
        f"checked (--track applies to new articles; start checking with: newsdiff track {url})\n"
    )
    run(capsys, "--db", db, "check", "--due")
    assert requests_to(httpserver) == 0
