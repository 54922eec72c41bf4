"""`newsdiff log`: an article's audit log as JSON or lines, and its verification."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from newsdiff_gui import cli
from newsdiff_gui.core.audit.author import AUTHOR_ENV
from newsdiff_gui.core.demo import load_demo
from newsdiff_gui.core.store import VersionStore
from tests.support.pages import article_page


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(AUTHOR_ENV, "Ana Ruiz")
    path = tmp_path / "log.sqlite3"
    with VersionStore.open(path) as store:
        load_demo(store)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_log_json_prints_the_contract_fields_of_every_entry(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(db), "log", "1", "--json")
    entries = json.loads(out)
    assert code == 0 and entries
    with VersionStore.open(db, read_only=True) as store:
        versions = store.list_versions(1)
    assert len(entries) == len(versions)
    for entry, version in zip(entries, versions, strict=True):
        assert {"seq", "at", "author", "action", "object", "sha256", "prev"} <= set(entry)
        assert entry["action"] == "capture" and entry["author"] == "Ana Ruiz"
        assert entry["object"] == f"version:1/{version.number}"
        assert entry["detail"]["raw_sha256"] == version.sha256
        hashed = {key: value for key, value in entry.items() if key != "sha256"}
        canonical = json.dumps(hashed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == entry["sha256"]


def test_log_without_json_prints_one_readable_line_per_entry(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(db), "log", "1")
    lines = out.splitlines()
    assert code == 0 and lines
    assert "capture" in lines[0] and "version:1/1" in lines[0] and "by Ana Ruiz" in lines[0]


def test_log_verify_passes_then_fails_naming_an_edited_entry(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(db), "log", "1", "--verify")
    assert code == 0 and "log intact" in out
    connection = sqlite3.connect(db)
    with connection:
        seq = connection.execute(
            "SELECT seq FROM audit_log WHERE article_id = 1 ORDER BY seq LIMIT 1 OFFSET 1"
        ).fetchone()[0]
        connection.execute("UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE seq = ?", (seq,))
    connection.close()
    code, out, err = run(capsys, "--db", str(db), "log", "1", "--verify")
    assert code == 1 and out == ""
    assert f"log entry {seq}" in err and "edited" in err


def test_log_of_an_unknown_article_is_one_line(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db), "log", "999")
    assert code == 1 and err.count("\n") == 1 and "999" in err


def test_exports_and_imports_append_one_entry_each(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AUTHOR_ENV, "Ben Okafor")
    out_json, out_html = tmp_path / "e.json", tmp_path / "e.html"
    code, _, err = run(
        capsys, "--db", str(db), "export", "1", "--json", str(out_json), "--html", str(out_html)
    )
    assert code == 0, err
    saved = tmp_path / "saved.html"
    saved.write_text(article_page(), encoding="utf-8")
    url = "https://news.example/saved-story"
    code, _, err = run(capsys, "--db", str(db), "import", str(saved), "--url", url)
    assert code == 0, err
    with VersionStore.open(db, read_only=True) as store:
        exports = [e for e in store.audit.entries(1) if e.action.value == "export"]
        imported = store.find_article(url)
        assert imported is not None
        [import_entry] = store.audit.entries(imported.id)
        assert store.audit.verify(1).ok and store.audit.verify(imported.id).ok
    assert [e.object for e in exports] == ["export:json", "export:html"]
    assert [e.detail["sha256"] for e in exports] == [
        hashlib.sha256(out_json.read_bytes()).hexdigest(),
        hashlib.sha256(out_html.read_bytes()).hexdigest(),
    ]
    assert {e.author for e in exports} == {"Ben Okafor"}
    assert import_entry.action.value == "import" and import_entry.author == "Ben Okafor"


def test_show_warc_writes_the_records_warcio_reads(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from warcio.archiveiterator import ArchiveIterator

    path = tmp_path / "show.sqlite3"
    saved = tmp_path / "saved.html"
    saved.write_text(article_page(), encoding="utf-8")
    url = "https://news.example/saved"
    assert cli.main(["--db", str(path), "import", str(saved), "--url", url]) == 0
    capsysbinary.readouterr()
    assert cli.main(["--db", str(path), "show", "1@1", "--warc"]) == 0
    out = capsysbinary.readouterr().out
    records = [
        (record.rec_type, record.content_stream().read())
        for record in ArchiveIterator(io.BytesIO(out), check_digests="raise")
    ]
    assert records == [("resource", saved.read_bytes())]


def test_show_warc_of_a_version_stored_before_records_is_one_line(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db), "show", "1@1", "--warc")
    assert code == 1 and out == "" and "before WARC records were kept" in err


def test_a_purged_article_keeps_its_log(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, before, _ = run(capsys, "--db", str(db), "log", "1", "--json")
    assert code == 0
    code, _, err = run(capsys, "--db", str(db), "untrack", "1", "--purge")
    assert code == 0, err
    code, after, _ = run(capsys, "--db", str(db), "log", "1", "--json")
    kept = json.loads(after)
    assert code == 0 and kept[:-1] == json.loads(before)
    assert kept[-1]["action"] == "purge" and kept[-1]["object"] == "article:1"
    code, out, _ = run(capsys, "--db", str(db), "log", "1", "--verify")
    assert code == 0 and f"log intact, {len(kept)} entries" in out


def test_a_wacz_export_appends_its_entry_after_the_package_carries_the_log(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    # `qapp`: the package's PDF report is drawn in this process (see test_evidence_command).
    package = tmp_path / "story.wacz"
    code, _, err = run(capsys, "--db", str(db), "export", "1", "--wacz", str(package))
    assert code == 0, err
    with VersionStore.open(db, read_only=True) as store:
        [entry] = [e for e in store.audit.entries(1) if e.action.value == "export"]
        assert store.audit.verify(1).ok
    assert entry.object == "export:wacz"
    assert entry.detail["sha256"] == hashlib.sha256(package.read_bytes()).hexdigest()
    code, out, err = run(capsys, "verify", str(package))
    assert code == 0, err
    assert "log intact" in out
