"""`migrate-store`'s step for the audit log: the source's entries are kept verbatim in the
target's `audit_log_imported` (why: core/store/audit_imported.py), and each article they
belong to gains one sealed `migrate` entry per chain copied in, naming it, and the versions
copied with it. A second run copies no entry twice (they are matched by hash) and appends
a `migrate` entry only where something new came in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from contextlib import nullcontext

from newsdiff_gui.core.audit.chain import AuditAction, entry_hash
from newsdiff_gui.core.store.audit_imported import IMPORTED_COLUMNS
from newsdiff_gui.core.store.audit_store import AuditStore, UnreadableEntry, entry_from_row
from newsdiff_gui.core.store.engine import Connection, Row, fetch_rows
from newsdiff_gui.core.store.transfer_tables import Report

_ENTRY_COLUMNS = "seq, at, author, action, object, article_id, detail, prev, sha256"


def copy_audit(
    source: Connection,
    target: Connection,
    articles: Mapping[int, int],
    copied_versions: Mapping[int, dict[int, str]],
    report: Report,
) -> None:
    """`articles`: source article id → target id; `copied_versions`: target article id →
    {number: raw SHA-256} of the versions this run copied into it."""
    origin = source.address.shown
    touched: dict[tuple[int, str], str] = {}  # (target article, chain) → where it came from
    own = fetch_rows(source, f"SELECT {_ENTRY_COLUMNS} FROM audit_log ORDER BY article_id, seq")
    chains: dict[int, str] = {}  # the source's article → the hash of its first entry
    for row in own:
        chain = chains.setdefault(row["article_id"], row["sha256"])
        local = articles.get(row["article_id"])  # None: purged there, kept all the same
        if _keep(target, row, chain, origin, local, report) and local is not None:
            touched[(local, chain)] = origin
    carried = fetch_rows(
        source, f"SELECT {IMPORTED_COLUMNS} FROM audit_log_imported ORDER BY chain, seq"
    )
    for row in carried:  # what the source itself had imported travels on, as it was
        local_there = row["local_article_id"]
        local = articles.get(local_there) if local_there is not None else None
        if _keep(target, row, row["chain"], row["origin"], local, report) and local is not None:
            touched[(local, row["chain"])] = row["origin"]
    _vouch(target, touched, copied_versions)


def _keep(
    target: Connection, row: Row, chain: str, origin: str, local: int | None, report: Report
) -> bool:
    """Keep one entry verbatim; False when the target already holds it."""
    stored = target.execute(
        f"INSERT INTO audit_log_imported ({IMPORTED_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (sha256) DO NOTHING RETURNING id",
        (chain, origin, local, *(row[name] for name in _ENTRY_COLUMNS.split(", "))),
    ).fetchone()
    (report.new if stored is not None else report.present)["audit entries"] += 1
    return stored is not None


def _vouch(
    target: Connection,
    touched: Mapping[tuple[int, str], str],
    copied_versions: Mapping[int, dict[int, str]],
) -> None:
    # Already inside copy_store's transaction: the entries commit with the copy.
    log = AuditStore(target, nullcontext)
    versions = {article: dict(numbers) for article, numbers in copied_versions.items() if numbers}
    for (article, chain), origin in sorted(touched.items()):
        last = fetch_rows(
            target,
            "SELECT COUNT(*), MAX(seq) FROM audit_log_imported WHERE chain = ?",
            (chain,),
        )[0]
        newest = fetch_rows(
            target,
            "SELECT sha256 FROM audit_log_imported WHERE chain = ? AND seq = ?",
            (chain, last[1]),
        )[0][0]
        detail = {"from": origin, "chain": chain, "entries": str(last[0]), "last_sha256": newest}
        detail |= {f"version {n}": sha for n, sha in versions.pop(article, {}).items()}
        log.append(AuditAction.MIGRATE, f"article:{article}", article, detail)
    for article, numbers in sorted(versions.items()):  # versions from a store with no log
        detail = {f"version {n}": sha for n, sha in numbers.items()}
        log.append(AuditAction.MIGRATE, f"article:{article}", article, detail)


def verify_audit(source: Connection, target: Connection, articles: Mapping[int, int]) -> list[str]:
    """Every entry of the source is kept in the target with its hash intact, and every
    migrated article's log, its imported chains included, verifies in the target."""
    problems = []
    kept = Counter[str]()
    for row in fetch_rows(target, f"SELECT {_ENTRY_COLUMNS} FROM audit_log_imported"):
        try:
            intact = entry_hash(entry_from_row(row)) == row["sha256"]
        except UnreadableEntry:
            intact = False
        kept[row["sha256"]] += 1 if intact else 0
    for table in ("audit_log", "audit_log_imported"):
        rows = fetch_rows(source, f"SELECT sha256 FROM {table}")
        missing = sum(1 for row in rows if not kept[row["sha256"]])
        if missing:
            problems.append(f"{missing} audit-log entries are missing or do not hash")
    log = AuditStore(target, nullcontext)
    for article in sorted(set(articles.values())):
        check = log.verify(article)
        if not check.ok:
            problems.append(f"the log of article {article} does not verify: {check.describe()}")
    return problems
