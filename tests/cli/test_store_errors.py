"""Every command on a wrong, damaged, missing, read-only or full store: one line, exit 1."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import string
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from tests.support.pages import STORM, article_page

URL = "https://courier.example/storm"
# A closed local port: `check` fails fast and never reaches the network.
DEAD_URL = "http://127.0.0.1:9/story"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str, expected: str) -> None:
    assert code == 1, err
    assert err.count("\n") == 1 and err.startswith("newsdiff: error: "), err
    assert expected in err and "Traceback" not in err
    assert out == ""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def commands(folder: Path) -> list[list[str]]:
    page = folder / "page.html"
    if not page.exists():
        page.write_text(article_page(), encoding="utf-8")
    return [
        ["list"],
        ["list", "--json"],
        ["versions", "1"],
        ["show", "1@1"],
        ["show", "1@1", "--raw"],
        ["diff", "1@1", "1@2"],
        ["export", "1", "--json", str(folder / "out.json")],
        ["track", DEAD_URL],
        ["untrack", "1"],
        ["check", "1"],
        ["import", str(page), "--url", URL],
    ]


def populated(path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store with one article and two versions, written by the CLI itself."""
    for number, paragraphs in enumerate((STORM, STORM[:4]), start=1):
        page = folder / f"v{number}.html"
        page.write_text(article_page(paragraphs=paragraphs), encoding="utf-8")
        moment = f"2026-03-03T1{number}:00:00Z"
        code, _, err = run(
            capsys, "--db", str(path), "import", str(page), "--url", URL, "--captured-at", moment
        )
        assert code == 0, err
    return path


# -- another program's database --------------------------------------------------------


def test_every_command_refuses_another_programs_database_and_leaves_it_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stores = tmp_path / "stores"
    stores.mkdir()
    path = stores / "places.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org/')")
    connection.commit()
    connection.close()
    before = digest(path)
    for argv in commands(tmp_path):
        code, out, err = run(capsys, "--db", str(path), *argv)
        assert_one_line_error(
            code, out, err, f"not a newsdiff database: {path} (it holds tables moz_places)"
        )
        assert digest(path) == before, argv
        assert sorted(p.name for p in stores.iterdir()) == ["places.sqlite"], argv
    assert not (tmp_path / "out.json").exists()


# -- no database yet -------------------------------------------------------------------


def test_list_before_anything_is_tracked_says_so_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new" / "store.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "list")
    assert (code, err) == (0, "")
    assert out.startswith("No tracked articles.")
    code, out, err = run(capsys, "--db", str(path), "list", "--json")
    assert (code, out, err) == (0, "[]\n", "")
    assert not path.parent.exists()


@pytest.mark.parametrize(
    "argv",
    [["versions", "1"], ["show", "1@1"], ["diff", "1@1", "1@2"], ["export", "1"]],
)
def test_read_commands_never_create_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    path = tmp_path / "new" / "store.sqlite3"
    if argv[0] == "export":
        argv = [*argv, "--json", str(tmp_path / "x.json")]
    code, out, err = run(capsys, "--db", str(path), *argv)
    assert_one_line_error(code, out, err, f"no newsdiff database at {path}")
    assert not path.parent.exists()


def test_read_commands_leave_the_store_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = populated(tmp_path / "s.sqlite3", tmp_path, capsys)
    before = digest(path)
    for argv in (["list"], ["versions", "1"], ["show", "1@2"], ["diff", "1@1", "1@2"]):
        code, _, err = run(capsys, "--db", str(path), *argv)
        assert code == 0, err
    assert digest(path) == before


# -- damaged stores --------------------------------------------------------------------


def _drop_table(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE checks")
    connection.close()


def _drop_column(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE versions DROP COLUMN notices")
    connection.close()


def _scramble_pages(path: Path) -> None:
    # Page 1 (the schema) stays readable; every table's pages become noise.
    data = bytearray(path.read_bytes())
    noise = random.Random(9)
    for index in range(4096, len(data)):
        data[index] = noise.randrange(256)
    path.write_bytes(bytes(data))


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(4).randbytes(20_000))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGE = {
    "dropped table": (_drop_table, "damaged newsdiff database"),
    "dropped column": (_drop_column, "damaged newsdiff database"),
    "malformed pages": (_scramble_pages, "damaged newsdiff database"),
    "random bytes": (_random_bytes, "is not a usable newsdiff database"),
    "truncated": (_truncate, "damaged newsdiff database"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_every_command_reports_a_damaged_store_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    path = populated(tmp_path / "s.sqlite3", tmp_path, capsys)
    spoil, expected = DAMAGE[damage]
    spoil(path)
    for argv in commands(tmp_path):
        code, out, err = run(capsys, "--db", str(path), *argv)
        assert_one_line_error(code, out, err, expected)
        assert str(path) in err


def test_a_directory_as_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    for argv in commands(tmp_path):
        code, out, err = run(capsys, "--db", str(folder), *argv)
        assert_one_line_error(code, out, err, f"{folder} is a directory, not a database file")


# -- a store the user may not write ----------------------------------------------------


@pytest.fixture
def read_only_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """A store in a folder anyone may use, in a file this test's commands may not write.

    Root may write any file, so as root the commands run as `nobody` instead.
    """
    folder = Path(tempfile.mkdtemp(prefix="newsdiff-ro-"))
    folder.chmod(0o777)
    path = populated(folder / "s.sqlite3", folder, capsys)
    path.chmod(0o444)
    yield path
    shutil.rmtree(folder)


def _run_unprivileged(*argv: str) -> subprocess.CompletedProcess[str]:
    # setpriv (util-linux) rather than subprocess's user=: it drops to `nobody` the way
    # a login would, and the interpreter stays reachable.
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run(
        [*(drop if os.geteuid() == 0 else []), sys.executable, "-m", "newsdiff_gui.cli", *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        timeout=60,
    )


def test_write_commands_on_a_read_only_store(read_only_store: Path) -> None:
    try:
        probe = _run_unprivileged("--version")
    except FileNotFoundError:  # no setpriv
        pytest.skip("cannot run the CLI as an unprivileged user here: setpriv is missing")
    if probe.returncode != 0:
        pytest.skip(f"cannot run the CLI as an unprivileged user here: {probe.stderr.strip()}")
    before = digest(read_only_store)
    folder = read_only_store.parent
    page = str(folder / "v1.html")
    for argv in (["track", DEAD_URL], ["untrack", "1"], ["import", page, "--url", URL]):
        done = _run_unprivileged("--db", str(read_only_store), *argv)
        expected = f"the database is read-only: {read_only_store}"
        assert_one_line_error(done.returncode, done.stdout, done.stderr, expected)
    listed = _run_unprivileged("--db", str(read_only_store), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [a["url"] for a in json.loads(listed.stdout)] == [URL]
    assert digest(read_only_store) == before


# -- a full disk -----------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection opened from now on may not grow its file, as on a full disk.

    `max_page_count` makes SQLite answer SQLITE_FULL exactly where a full disk would
    (a tmpfs of a few kB needs root to mount).
    """
    real_connect = sqlite3.connect

    def capped(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(sqlite3, "connect", capped)


def _state(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    listed = run(capsys, "--db", str(path), "list", "--json")[1]
    versions = run(capsys, "--db", str(path), "versions", "1", "--json")[1]
    return listed, versions


def test_track_and_import_on_a_full_disk_say_so_and_keep_what_was_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    path = populated(tmp_path / "s.sqlite3", tmp_path, capsys)
    before = _state(path, capsys)
    # A page of incompressible text, and an address long enough to need new pages.
    noise = random.Random(3)
    words = (
        "".join(noise.choices(string.ascii_letters, k=noise.randint(3, 9))) for _ in range(6000)
    )
    big = tmp_path / "big.html"
    big.write_text(article_page(paragraphs=(*STORM, " ".join(words))), encoding="utf-8")
    long_url = "https://courier.example/" + "a" * 6000
    request.getfixturevalue("full_disk")
    for argv in (
        ["track", long_url],
        ["import", str(big), "--url", URL, "--captured-at", "2026-03-04T10:00:00Z"],
    ):
        code, out, err = run(capsys, "--db", str(path), *argv)
        assert_one_line_error(code, out, err, f"disk full: {path}")
        assert "rollback" not in err
    assert _state(path, capsys) == before
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
