"""`newsdiff follow / sources / unfollow`, `check --due` with sources, `list --json` source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsdiff_gui.cli import main
from tests.support.news_site import rss, section_page, stories
from tests.support.pages import article_page


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.sqlite3")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_follow_sources_check_due_list_and_unfollow(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    root = httpserver.url_for("").rstrip("/")
    items = stories(3)
    httpserver.expect_request("/rss").respond_with_data(rss(root, items), content_type="text/xml")
    for story in items:
        httpserver.expect_request(story.path).respond_with_data(
            article_page(title=story.title), content_type="text/html"
        )

    code, out, err = run(capsys, "--db", db, "follow", httpserver.url_for("/rss"))
    assert code == 0 and out.strip() == "1"
    assert "found 3 articles, 3 newly tracked" in err

    code, out, _ = run(capsys, "--db", db, "sources", "--json")
    (listed,) = json.loads(out)
    assert {k: listed[k] for k in ("id", "url", "kind", "articles", "last_error")} == {
        "id": 1,
        "url": httpserver.url_for("/rss"),
        "kind": "feed",
        "articles": 3,
        "last_error": None,
    }
    assert listed["last_checked"].endswith("Z") and listed["next_check"].endswith("Z")

    code, out, _ = run(capsys, "--db", db, "check", "--due")
    assert code == 0 and out.count("new version 1") == 3

    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert [a["source"] for a in json.loads(out)] == [1, 1, 1]

    code, out, _ = run(capsys, "--db", db, "sources")
    assert "feed" in out and "3 articles" in out and "Harbour Courier: Politics" in out

    code, out, _ = run(capsys, "--db", db, "unfollow", "1", "--purge")
    assert code == 0 and "3 articles only it found deleted" in out
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert json.loads(out) == []


def test_check_due_polls_due_sources_before_the_articles(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    root = httpserver.url_for("").rstrip("/")
    httpserver.expect_ordered_request("/politics").respond_with_data(
        section_page(root, stories(1)), content_type="text/html"
    )
    httpserver.expect_ordered_request("/politics").respond_with_data(
        section_page(root, stories(2)), content_type="text/html"
    )
    for story in stories(2):
        httpserver.expect_request(story.path).respond_with_data(
            article_page(title=story.title), content_type="text/html"
        )
    run(capsys, "--db", db, "follow", httpserver.url_for("/politics"))
    # Make the source due now, as time passing would.
    import sqlite3

    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE sources SET next_check_at = '2000-01-01T00:00:00Z'")
    code, out, _ = run(capsys, "--db", db, "check", "--due", "--json")
    assert code == 0
    decoder, checked, at = json.JSONDecoder(), [], 0
    while out[at:].strip():
        report, at = decoder.raw_decode(out, at + len(out[at:]) - len(out[at:].lstrip()))
        checked.append(report["url"])
    assert sorted(checked) == sorted(root + s.path for s in stories(2))


def test_follow_with_match_says_which_kind_of_pattern(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    root = httpserver.url_for("").rstrip("/")
    body = rss(root, stories(2) + stories(2, section="world", start=40))
    httpserver.expect_request("/rss").respond_with_data(body, content_type="text/xml")
    code, _, err = run(
        capsys, "--db", db, "follow", httpserver.url_for("/rss"), "--match", "/world/"
    )
    assert code == 0 and "found 2 articles matching the substring '/world/'" in err
    code, out, _ = run(capsys, "--db", db, "sources", "--json")
    assert json.loads(out)[0]["match"] == "/world/"


@pytest.mark.parametrize(
    ("path", "body", "content_type", "words"),
    [
        ("/empty-section", "<html><body><a href='/about'>x</a></body></html>", "text/html",
         "no article-like links"),
        ("/broken.xml", "<rss><channel><item>", "application/rss+xml", "the feed is malformed"),
    ],
)  # fmt: skip
def test_a_bad_source_is_one_line_and_exit_1(
    db: str,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    path: str,
    body: str,
    content_type: str,
    words: str,
) -> None:
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type)
    code, out, err = run(capsys, "--db", db, "follow", httpserver.url_for(path))
    assert code == 1 and out == "" and words in err and err.count("\n") == 1


def test_unknown_source_and_duplicate_follow_are_errors(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db, "unfollow", "7")
    assert code == 1 and "no source with id 7" in err
    root = httpserver.url_for("").rstrip("/")
    httpserver.expect_request("/rss").respond_with_data(
        rss(root, stories(1)), content_type="text/xml"
    )
    run(capsys, "--db", db, "follow", httpserver.url_for("/rss"))
    code, _, err = run(capsys, "--db", db, "follow", httpserver.url_for("/rss"))
    assert code == 1 and "already followed as source 1" in err


def test_sources_on_a_missing_store_is_empty_and_creates_nothing(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "sources", "--json")
    assert code == 0 and json.loads(out) == [] and not Path(db).exists()


def test_track_stores_a_shared_links_canonical_address(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    story = "https://courier.example/politics/2026/03/01/council-votes"
    code, out, _ = run(capsys, "--db", db, "track", f"{story}?utm_source=share&fbclid=x")
    assert code == 0 and out.strip() == "1"
    code, _, err = run(capsys, "--db", db, "track", f"{story}/amp")
    assert code == 1 and "already tracked as article 1" in err
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert [a["url"] for a in json.loads(out)] == [story]
