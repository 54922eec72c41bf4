"""The captured pages' bytes, and the latest text of an outlet's other articles."""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any
from urllib.parse import urlsplit

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.models import NotFound


def article_host(url: str) -> str:
    """The host an article's address is on, lower case ('' when it has none)."""
    try:
        return (urlsplit(url).hostname or "").casefold()
    except ValueError:
        return ""


class PageStore:
    """Each captured page once, compressed, under its SHA-256."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def keep(self, raw: bytes) -> str:
        """Keep `raw` (in the caller's transaction) and return its SHA-256; a page seen
        before is not stored again."""
        digest = hashlib.sha256(raw).hexdigest()
        if not fetch_rows(self._connection, "SELECT 1 FROM pages WHERE sha256 = ?", (digest,)):
            self._connection.execute(
                "INSERT INTO pages (sha256, size, compressed) VALUES (?, ?, ?)"
                " ON CONFLICT (sha256) DO NOTHING",
                (digest, len(raw), zlib.compress(raw, 6)),
            )
        return digest

    def read(self, sha256: str) -> bytes:
        """The page bytes exactly as captured."""
        rows = fetch_rows(
            self._connection, "SELECT compressed FROM pages WHERE sha256 = ?", (sha256,)
        )
        if not rows:
            raise NotFound(f"no stored page with SHA-256 {sha256}")
        return zlib.decompress(bytes(rows[0][0]))


class OutletStore:
    """What the store holds of an outlet: the text of its other tracked articles."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return fetch_rows(self._connection, sql, params)

    def latest_documents(self, host: str, except_article: int, limit: int) -> list[Document]:
        """The latest documents of up to `limit` other articles whose URL is on `host`.

        The most recently changed first. Bounded: one scan of the articles table
        (one row per tracked article, addresses only) and one indexed lookup per
        article kept.
        """
        host = host.casefold()
        escaped = host.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._query(
            "SELECT a.id, a.url FROM articles a WHERE a.id != ? AND LOWER(a.url) LIKE ? ESCAPE '\\'"
            " AND EXISTS (SELECT 1 FROM versions v WHERE v.article_id = a.id)"
            " ORDER BY a.last_changed_at DESC, a.id DESC",
            (except_article, f"%://{escaped}%"),
        )
        # LIKE also matches the host inside a path or a longer name: check it exactly.
        ids = [row["id"] for row in rows if article_host(row["url"]) == host][:limit]
        documents = []
        for article_id in ids:
            found = self._query(
                "SELECT document_json FROM versions WHERE article_id = ?"
                " ORDER BY number DESC LIMIT 1",
                (article_id,),
            )
            documents.append(Document.from_json_dict(json.loads(found[0]["document_json"])))
        return documents
