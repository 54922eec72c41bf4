"""Audit-log entries that came from another store with `migrate-store`.

Why they are kept apart instead of joining this store's log: an entry's hash covers its
`seq` (store-wide) and its link to the article's previous entry, so an entry moved into
another log must either be re-sealed (rewriting history, which the log exists to rule
out) or break that log's numbering and links. So they are kept verbatim in
`audit_log_imported`, each chain (one article's entries in the store they came from,
named by the hash of its first entry) checkable on its own exactly as it was sealed, and
this store's own chain for the article gains one `migrate` entry per chain copied in,
sealed like any other, that names the chain's first hash, entry count and last hash. An
imported entry deleted, edited or added later therefore fails `log --verify`, here and in
the imported chain's own links.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff_gui.core.audit.chain import (
    GENESIS,
    AuditAction,
    AuditEntry,
    ChainCheck,
    ChainFault,
    verify_chain,
)
from newsdiff_gui.core.store.audit_store import UnreadableEntry, entry_from_row
from newsdiff_gui.core.store.engine import Connection, fetch_rows

IMPORTED_COLUMNS = (
    "chain, origin, local_article_id, seq, at, author, action, object, article_id, detail,"
    " prev, sha256"
)


@dataclass(frozen=True)
class ImportedChain:
    chain: str  # the hash of its first entry
    origin: str  # the store it was copied from, as migrate-store named it
    entries: tuple[AuditEntry, ...]


def imported_chains(connection: Connection, article_id: int) -> list[ImportedChain]:
    """The chains copied in for the article, oldest first; UnreadableEntry on a bad row."""
    rows = fetch_rows(
        connection,
        f"SELECT {IMPORTED_COLUMNS} FROM audit_log_imported WHERE local_article_id = ?"
        " ORDER BY chain, seq",
        (article_id,),
    )
    grouped: dict[str, tuple[str, list[AuditEntry]]] = {}
    for row in rows:
        grouped.setdefault(row["chain"], (row["origin"], []))[1].append(entry_from_row(row))
    chains = [ImportedChain(c, origin, tuple(found)) for c, (origin, found) in grouped.items()]
    return sorted(chains, key=lambda chain: chain.entries[0].at)


def verify_imported(connection: Connection, article_id: int, own: list[AuditEntry]) -> ChainCheck:
    """Each imported chain's links, and that it is what the `migrate` entries vouch for."""
    vouched: dict[str, tuple[str, str]] = {}  # chain → (entry count, last hash), latest
    for entry in own:
        if entry.action is AuditAction.MIGRATE and "chain" in entry.detail:
            vouched[entry.detail["chain"]] = (entry.detail["entries"], entry.detail["last_sha256"])
    try:
        chains = imported_chains(connection, article_id)
    except UnreadableEntry as exc:
        return ChainCheck(0, None, ChainFault.EDITED, f"imported entry {exc.seq}: {exc.reason}")
    count = 0
    for chain in chains:
        check = verify_chain(chain.entries, GENESIS)
        if not check.ok:
            reason = f"imported entry {check.failed_seq} (from {chain.origin}): {check.reason}"
            return ChainCheck(count, None, check.fault, reason)
        expected = vouched.pop(chain.chain, None)
        if expected != (str(len(chain.entries)), chain.entries[-1].sha256):
            reason = (
                f"the entries imported from {chain.origin} are not the ones the migrate entry"
                " names (imported entry deleted or added)"
            )
            return ChainCheck(count, None, ChainFault.BROKEN_LINK, reason)
        count += len(chain.entries)
    if vouched:
        reason = "the entries a migrate entry names are missing (imported entries deleted)"
        return ChainCheck(count, None, ChainFault.BROKEN_LINK, reason)
    return ChainCheck(count)
