"""Store fixtures for both engines: tests that take `store_address` run on SQLite and on a
real PostgreSQL that the session starts itself (pgserver, from PyPI: no manual step).

One server per session; each test gets a fresh database cloned from a template that
already holds the migrated schema (CREATE DATABASE … TEMPLATE takes ~0.1 s, initdb
several seconds). If the server cannot start, PostgreSQL tests fail with the reason:
they are never skipped.
"""

from __future__ import annotations

import itertools
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from newsdiff_gui.core.store import VersionStore

ENGINES = ("sqlite", "postgresql")
_TEMPLATE = "newsdiff_template"
_numbers = itertools.count(1)


@dataclass(frozen=True)
class PostgresServer:
    """The session's server: `admin_url` reaches its `postgres` database."""

    admin_url: str

    def url_for(self, database: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path=f"/{database}"))

    def admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.admin_url, autocommit=True)

    def create_database(self, template: str = "template0") -> str:
        name = f"newsdiff_test_{next(_numbers)}"
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url_for(name)

    def drop_database(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        import pgserver

        # Its own short folder in the temp dir: the server's unix socket lives in it (paths
        # over ~100 bytes fail), and run as root pgserver hands it to an unprivileged user,
        # who could not enter pytest's private (0700) temp tree.
        folder = Path(tempfile.mkdtemp(prefix="newsdiff-pg-"))
        with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set" in CI
            warnings.simplefilter("ignore")
            server = pgserver.get_server(folder, cleanup_mode="delete")
    except Exception as exc:  # any reason it cannot start fails the tests, never skips them
        pytest.fail(f"could not start the test PostgreSQL server (pgserver): {exc}")
    running = PostgresServer(server.get_uri())
    with running.admin() as connection:
        connection.execute(f'CREATE DATABASE "{_TEMPLATE}" TEMPLATE template0')
    VersionStore.open(running.url_for(_TEMPLATE)).close()  # migrated once, cloned per test
    yield running
    server.cleanup()


@pytest.fixture
def empty_postgres_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new, empty database (no schema yet)."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=ENGINES)
def store_address(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a test's store lives: a fresh SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite3")
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database(_TEMPLATE)
    yield url
    server.drop_database(url)
