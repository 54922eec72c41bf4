"""Claiming due articles with a lease, so that several watchers share one store's work.

A watcher takes an article by writing its name and a lease end on the article's row,
in the same transaction that found the article due and unclaimed; it clears them
once the check is recorded. Taking is atomic on both engines:

- SQLite: the store's transaction is BEGIN IMMEDIATE, which holds the database's
  write lock from the SELECT to the UPDATE, so two watchers take turns.
- PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` locks the rows found and makes any
  other watcher's same query pass over them instead of waiting, so watchers claim
  different articles at once.

A watcher killed mid-check leaves its claim behind; once the lease ends the article
is due and unclaimed again, and another watcher checks it. Nothing else is needed for
"never skip a due one": a check moves the article's next check forward in the same
transaction that records it, so a released article is due again only on its next slot.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from newsdiff_gui.core.store.engine import Connection
from newsdiff_gui.core.timeutil import from_iso, to_iso

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_DUE_UNCLAIMED = (
    "SELECT id FROM articles WHERE active = 1 AND next_check_at IS NOT NULL"
    " AND next_check_at <= ? AND (claim_until IS NULL OR claim_until <= ?)"
    " ORDER BY next_check_at, id LIMIT ?"
)
# The moment each tracked article can next be claimed: its next check, or the end of
# a claim that runs past it (a dead watcher's lease).
_NEXT_CLAIMABLE = (
    "SELECT MIN(CASE WHEN claim_until IS NOT NULL AND claim_until > next_check_at"
    " THEN claim_until ELSE next_check_at END)"
    " FROM articles WHERE active = 1 AND next_check_at IS NOT NULL"
)


def claim_query(dialect: str) -> str:
    """The SELECT that finds claimable articles, locking them where the engine can."""
    if dialect == POSTGRESQL:
        return _DUE_UNCLAIMED + " FOR UPDATE SKIP LOCKED"
    if dialect == SQLITE:
        return _DUE_UNCLAIMED
    raise ValueError(f"no claim query for the {dialect!r} engine")


@dataclass(frozen=True, slots=True)
class Claim:
    article_id: int
    claimed_by: str
    claim_until: datetime


class ClaimStore:
    """The articles' claim columns, on a `VersionStore`'s connection (same thread rules)."""

    def __init__(
        self,
        connection: Connection,
        transaction: Callable[[], AbstractContextManager[None]],
        dialect: str | None = None,
    ) -> None:
        self._connection = connection
        self._transaction = transaction
        if dialect is None:
            dialect = POSTGRESQL if connection.address.is_postgresql else SQLITE
        self._claim_sql = claim_query(dialect)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        # The engine words the user's failures as StoreError and raises bugs as they are.
        return list(self._connection.execute(sql, params).fetchall())

    def claim_due(
        self, claimant: str, now: datetime, lease: timedelta, limit: int = 1
    ) -> list[Claim]:
        """Claim up to `limit` due articles nobody holds, the longest overdue first."""
        stamp = to_iso(now)
        until = _lease_end(now + lease)
        with self._transaction():
            ids = [row[0] for row in self._query(self._claim_sql, (stamp, stamp, limit))]
            for article_id in ids:
                self._query(
                    "UPDATE articles SET claimed_by = ?, claim_until = ? WHERE id = ? RETURNING id",
                    (claimant, to_iso(until), article_id),
                )
        return [Claim(article_id, claimant, until) for article_id in ids]

    def release(self, article_id: int, claimant: str) -> bool:
        """Give the article back; False when the claim was no longer ours (lease ran out
        and another watcher took it: its claim stays)."""
        with self._transaction():
            taken = self._query(
                "UPDATE articles SET claimed_by = NULL, claim_until = NULL"
                " WHERE id = ? AND claimed_by = ? RETURNING id",
                (article_id, claimant),
            )
        return bool(taken)

    def release_all(self, claimant_prefix: str) -> int:
        """Give back every claim of a watcher (its workers' names start with the prefix)."""
        with self._transaction():
            rows = self._query(
                "UPDATE articles SET claimed_by = NULL, claim_until = NULL"
                " WHERE claimed_by LIKE ? ESCAPE '\\' RETURNING id",
                (_prefix_pattern(claimant_prefix),),
            )
        return len(rows)

    def renew_all(self, claimant_prefix: str, until: datetime) -> int:
        """Extend every claim a watcher's workers hold (its heartbeat); how many."""
        with self._transaction():
            rows = self._query(
                "UPDATE articles SET claim_until = ? WHERE claimed_by LIKE ? ESCAPE '\\'"
                " RETURNING id",
                (to_iso(_lease_end(until)), _prefix_pattern(claimant_prefix)),
            )
        return len(rows)

    def next_claimable_at(self) -> datetime | None:
        """When the soonest tracked article can be claimed (None: nothing is scheduled)."""
        value = self._query(_NEXT_CLAIMABLE)[0][0]
        return from_iso(value) if value is not None else None

    def held(self) -> list[Claim]:
        """Every claim on record, expired ones included (for status and tests)."""
        rows = self._query(
            "SELECT id, claimed_by, claim_until FROM articles"
            " WHERE claimed_by IS NOT NULL ORDER BY id"
        )
        return [Claim(row[0], row[1], from_iso(row[2])) for row in rows]


def _prefix_pattern(prefix: str) -> str:
    """A LIKE pattern for names starting with `prefix` (its own % and _ taken literally)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


def _lease_end(moment: datetime) -> datetime:
    """`moment` rounded up to the second: times are stored to the second, and a lease
    cut short by the rounding could lapse under a check that is still running."""
    whole = moment.replace(microsecond=0)
    return whole + timedelta(seconds=1) if moment.microsecond else whole
