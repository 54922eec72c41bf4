"""`newsdiff events`, `list --json` state, `digest` and `feed` against a local site."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsdiff_gui.cli import main
from tests.support.pages import STORM, article_page


class Story:
    def __init__(self, httpserver: HTTPServer) -> None:
        self.status = 200
        self.html = article_page()
        httpserver.expect_request("/news/storm").respond_with_handler(self._answer)
        self.url = httpserver.url_for("/news/storm")

    def _answer(self, request: Request) -> Response:
        return Response(self.html, status=self.status, content_type="text/html; charset=utf-8")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "life.sqlite3")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def edited(n: int) -> str:
    return article_page(paragraphs=(f"{STORM[0]} Update {n}: more was said.", *STORM[1:]))


def lived_story(db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]) -> Story:
    """Track, change, go 404, come back: first_seen, changed, gone, back."""
    story = Story(httpserver)
    assert run(capsys, "--db", db, "track", story.url)[0] == 0
    run(capsys, "--db", db, "check")
    story.html = edited(1)
    run(capsys, "--db", db, "check")
    story.status = 404
    run(capsys, "--db", db, "check")
    return story


def test_events_json_and_list_state(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    story = lived_story(db, httpserver, capsys)
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert code == 0 and json.loads(out)[0]["state"] == "gone"

    code, out, _ = run(capsys, "--db", db, "events", "1", "--json")
    events = json.loads(out)
    assert [(e["kind"], e["version"]) for e in events] == [
        ("first_seen", 1),
        ("changed", 2),
        ("gone", None),
    ]
    assert all(set(e) == {"at", "kind", "version", "detail"} for e in events)
    assert events[-1]["detail"] == "HTTP 404" and events[0]["at"].endswith("Z")

    assert "gone" in run(capsys, "--db", db, "list")[1]
    story.status = 200
    assert "[back]" in run(capsys, "--db", db, "check")[1]
    assert json.loads(run(capsys, "--db", db, "list", "--json")[1])[0]["state"] == "active"
    run(capsys, "--db", db, "untrack", "1")
    assert json.loads(run(capsys, "--db", db, "list", "--json")[1])[0]["state"] == "stopped"

    code, out, _ = run(capsys, "--db", db, "events", "1")
    assert code == 0 and "✕ Gone" in out and "↺ Back" in out and "HTTP 404" in out
    assert "✎ Changed" in out and "1 paragraph edited" in out  # the change, in words
    code, _, err = run(capsys, "--db", db, "events", "7")
    assert code == 1 and "no article with id 7" in err


def test_digest_json_and_html_with_working_diff_links(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lived_story(db, httpserver, capsys)
    out_json, out_html = tmp_path / "d.json", tmp_path / "site" / "digest.html"
    out_html.parent.mkdir()
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "digest",
        "--since",
        "24h",
        "--json",
        str(out_json),
        "--html",
        str(out_html),
    )
    assert code == 0 and "3 events" in out
    digest = json.loads(out_json.read_text(encoding="utf-8"))
    items = digest["items"]
    assert [item["kind"] for item in items] == ["gone", "changed", "first_seen"]  # newest first
    changed = items[1]
    assert changed["compare"] == {"from": 1, "to": 2}
    assert changed["summary"].startswith("1 paragraph edited")
    assert items[0]["compare"] is None and items[0]["summary"] == "HTTP 404"

    page = lxml_html.fromstring(out_html.read_bytes())
    rows = page.xpath("//tbody/tr")
    assert [row.get("class") for row in rows] == ["gone", "changed", "first_seen"]
    (link,) = page.xpath("//a[text()='full diff']/@href")
    target = out_html.parent / link
    assert target.is_file() and "Seven people were" in target.read_text(encoding="utf-8")
    assert "1 paragraph edited" in rows[1].text_content()


def test_digest_refuses_bad_durations_and_a_missing_output(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for bad in ("24", "1y", "h", "0h", "-3d"):
        with pytest.raises(SystemExit) as exit_info:
            main(["--db", db, "digest", f"--since={bad}", "--json", str(tmp_path / "x.json")])
        assert exit_info.value.code == 2
        assert "not a duration" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", db, "digest", "--since", "90m"])
    assert exit_info.value.code == 2 and "name an output" in capsys.readouterr().err


def test_feed_is_valid_atom_and_follows_each_check(
    db: str, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    story = lived_story(db, httpserver, capsys)
    feed_file = tmp_path / "changes.atom"
    assert run(capsys, "--db", db, "feed", "--out", str(feed_file))[0] == 0
    parsed = feedparser.parse(feed_file.read_bytes())
    assert not parsed.bozo and parsed.version == "atom10"
    assert [entry.title.split(":")[0] for entry in parsed.entries] == [
        "Gone",
        "Changed",
        "First seen",
    ]
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids)
    assert parsed.feed.updated == parsed.entries[0].updated
    assert parsed.entries[0].link == story.url

    story.status = 200  # the check that finds the story back rewrites the feed
    run(capsys, "--db", db, "check")
    again = feedparser.parse(feed_file.read_bytes())
    assert [entry.id for entry in again.entries][1:] == ids  # old entries keep their ids
    assert again.entries[0].title.startswith("Back")

    run(capsys, "--db", db, "check")  # nothing new: the feed is not rewritten
    assert feedparser.parse(feed_file.read_bytes()).entries[0].id == again.entries[0].id
    code, out, _ = run(capsys, "--db", db, "feed")
    assert code == 0 and str(feed_file) in out

    assert run(capsys, "--db", db, "feed", "--off")[0] == 0
    before = feed_file.read_bytes()
    story.html = edited(2)
    run(capsys, "--db", db, "check")
    assert feed_file.read_bytes() == before
