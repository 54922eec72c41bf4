"""Where a store lives: a SQLite file path or a PostgreSQL URL, told apart in one place.

`--db`, NEWSDIFF_DB and the app's `--db` all pass through `parse_store_address`, so a
database URL is never taken for a file name (an older release made a folder named
`postgresql:` and a SQLite file in it), and an address of an engine we do not speak
(`mysql://…`) is refused in words instead of becoming a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from newsdiff_gui.core.store.models import StoreError

POSTGRES_SCHEMES = ("postgresql", "postgres")
# A URL scheme followed by "//" (RFC 3986); one letter is a Windows drive, never a scheme.
_URL_LIKE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+):(//)?")


@dataclass(frozen=True, slots=True)
class StoreAddress:
    """Exactly one of `path` (SQLite) or `url` (PostgreSQL) is set."""

    path: Path | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if (self.path is None) == (self.url is None):
            raise ValueError("a store address is a path or a URL, not both or neither")

    @property
    def is_postgresql(self) -> bool:
        return self.url is not None

    @property
    def shown(self) -> str:
        """For messages and window titles: the path, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        assert self.url is not None
        return url_without_password(self.url)

    def __str__(self) -> str:
        return self.shown


def parse_store_address(value: str | Path | StoreAddress) -> StoreAddress:
    """The store named by `value`; StoreError for a URL of an engine we do not support."""
    if isinstance(value, StoreAddress):
        return value
    if isinstance(value, Path):
        return StoreAddress(path=value.expanduser())
    text = value.strip()
    if not text:
        raise StoreError("empty database address")
    match = _URL_LIKE.match(text)
    if match and (match.group(2) or match.group("scheme").lower() in POSTGRES_SCHEMES):
        scheme = match.group("scheme").lower()
        if scheme not in POSTGRES_SCHEMES:
            raise StoreError(
                f"unsupported database address {url_without_password(text)}: use a file path"
                " (SQLite) or postgresql://user@host:port/dbname"
            )
        if not match.group(2):
            raise StoreError(
                f"not a database URL: {text!r} (write postgresql://user@host:port/dbname)"
            )
        return StoreAddress(url=text)
    return StoreAddress(path=Path(text).expanduser())


def url_without_password(url: str) -> str:
    """`url` with any password replaced by '***' (messages never show a secret)."""
    try:
        parts = urlsplit(url)
        if not parts.password:
            return url
        host = parts.netloc.rpartition("@")[2]
        netloc = f"{parts.username or ''}:***@{host}"
        return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        return url.split("@")[-1] if "@" in url else url
