"""A store address is a SQLite path or a PostgreSQL URL, told apart in one place; a
database URL is never taken for a file name, and a server that cannot be used is one
clear line."""

from pathlib import Path

import pytest

from newsdiff_gui.cli import main
from newsdiff_gui.core.store import StoreError, VersionStore
from newsdiff_gui.core.store.address import StoreAddress, parse_store_address
from tests.support.stores import PostgresServer


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://ana@db.example:5432/newsroom",
        "postgres://ana:secret@db.example/newsroom",
        "POSTGRESQL://db.example/newsroom",
        "postgresql:///newsroom?host=/run/postgresql",
    ],
)
def test_database_urls_are_urls(text: str) -> None:
    address = parse_store_address(text)
    assert address.url == text and address.path is None and address.is_postgresql


@pytest.mark.parametrize("text", ["store.sqlite3", "~/news.sqlite3", "C:/data/s.sqlite3", "a:b"])
def test_everything_else_is_a_path(text: str) -> None:
    address = parse_store_address(text)
    assert address.path == Path(text).expanduser() and address.url is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mysql://db.example/news", "unsupported database address"),
        ("sqlite://x.sqlite3", "unsupported database address"),
        ("postgresql:newsroom", "not a database URL"),
        ("   ", "empty database address"),
    ],
)
def test_addresses_of_other_engines_are_refused(text: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        parse_store_address(text)


def test_messages_never_show_the_password() -> None:
    address = parse_store_address("postgresql://ana:hunter2@db.example:5432/newsroom")
    assert address.shown == "postgresql://ana:***@db.example:5432/newsroom"
    assert "hunter2" not in str(address)


def test_a_database_url_never_becomes_a_local_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    # Port 1 on the loopback: nothing listens there, the connection is refused at once.
    url = "postgresql://ana:hunter2@127.0.0.1:1/newsroom"
    assert main(["--db", url, "track", "https://news.example/a"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("newsdiff: error: cannot open the database")
    assert "postgresql://ana:***@127.0.0.1:1/newsroom" in error and "hunter2" not in error
    assert list(tmp_path.iterdir()) == []  # no folder named "postgresql:", no SQLite file
    monkeypatch.setenv("NEWSDIFF_DB", url)
    assert main(["list", "--json"]) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_missing_database_and_a_wrong_user_are_one_line(
    postgres_server: PostgresServer,
) -> None:
    missing = postgres_server.url_for("no_such_database")
    with pytest.raises(StoreError, match=r'cannot open the database .*"no_such_database" does not'):
        VersionStore.open(missing)
    wrong_user = postgres_server.admin_url.replace("postgres:@", "nobody:@", 1)
    with pytest.raises(
        StoreError, match=r'cannot open the database .*role "nobody" does not exist'
    ):
        VersionStore.open(wrong_user)


def test_an_address_object_opens_as_its_text_does(tmp_path: Path) -> None:
    with VersionStore.open(StoreAddress(path=tmp_path / "a.sqlite3")) as store:
        assert store.address == parse_store_address(str(tmp_path / "a.sqlite3"))
        assert store.path == tmp_path / "a.sqlite3"
