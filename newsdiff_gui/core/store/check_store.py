"""The checks of articles: every attempt, what it found and why, and the article's last state."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.models import CheckRecord
from newsdiff_gui.core.timeutil import from_iso, to_iso


class CheckStore:
    def __init__(
        self,
        connection: Connection,
        transaction: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self._connection = connection
        self._transaction = transaction

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
        return fetch_rows(self._connection, sql, params)

    def record(
        self,
        article_id: int,
        *,
        started_at: datetime,
        duration: float,
        outcome: str,
        http_status: int | None = None,
        error: str | None = None,
        version_id: int | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        update_article: bool = True,
        detail: str | None = None,
    ) -> CheckRecord:
        """Record one attempt and, unless told not to, the article's last-check state.

        Validators (ETag, Last-Modified) are only kept from successful checks.
        """
        with self._transaction():
            cursor = self._connection.execute(
                "INSERT INTO checks (article_id, started_at, duration, http_status, outcome,"
                " error, version_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    article_id,
                    to_iso(started_at),
                    duration,
                    http_status,
                    outcome,
                    error,
                    version_id,
                    detail,
                ),
            )
            if update_article:
                self._connection.execute(
                    "UPDATE articles SET last_checked_at = ?, last_error = ? WHERE id = ?",
                    (to_iso(started_at), error, article_id),
                )
            if update_article and error is None and (etag or last_modified):
                self._connection.execute(
                    "UPDATE articles SET etag = ?, last_modified = ? WHERE id = ?",
                    (etag, last_modified, article_id),
                )
            check_id = int(cursor.fetchone()[0])
        return CheckRecord(
            check_id,
            article_id,
            started_at,
            duration,
            http_status,
            outcome,
            error,
            version_id,
            detail,
        )

    def of_article(self, article_id: int) -> list[CheckRecord]:
        rows = self._query(
            "SELECT id, article_id, started_at, duration, http_status, outcome, error, version_id,"
            " detail FROM checks WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        return [
            CheckRecord(r[0], r[1], from_iso(r[2]), r[3], r[4], r[5], r[6], r[7], r[8])
            for r in rows
        ]
