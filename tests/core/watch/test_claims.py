"""Claims: several connections on one store never hold the same article, never miss a
due one, and a dead claimant's article is free again once its lease ends."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.store.claim_store import POSTGRESQL, SQLITE, claim_query

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def track(store: VersionStore, count: int, due: datetime = T0) -> list[int]:
    state = initial_state(SchedulePolicy(), due)
    with store.transaction():
        return [store.add_article(f"https://news.example/{n}", state, due).id for n in range(count)]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


def test_concurrent_claimants_take_every_due_article_exactly_once(path: Path) -> None:
    with VersionStore.open(path) as store:
        ids = track(store, 120)
    taken: list[tuple[str, int]] = []
    lock = threading.Lock()

    ready = threading.Barrier(6)

    def claimant(name: str) -> None:
        # Its own connection, as each watcher worker has; all start claiming together,
        # and each pauses after a claim as a check would, so the claims interleave.
        with VersionStore.open(path) as store:
            ready.wait()
            while claims := store.claims.claim_due(name, T0, LEASE, limit=2):
                with lock:
                    taken.extend((name, claim.article_id) for claim in claims)
                time.sleep(0.005)

    threads = [threading.Thread(target=claimant, args=(f"w{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    claimed = [article_id for _, article_id in taken]
    assert sorted(claimed) == ids  # each once: none twice, none skipped
    assert len({name for name, _ in taken}) > 1  # the work was shared


def test_a_claim_holds_until_its_lease_ends_then_another_takes_it(path: Path) -> None:
    with VersionStore.open(path) as first, VersionStore.open(path) as second:
        [article_id] = track(first, 1)
        [claim] = first.claims.claim_due("dead-watcher", T0, LEASE)
        assert claim.article_id == article_id and claim.claim_until == T0 + LEASE
        # The first claimant dies here without releasing.
        assert second.claims.claim_due("other", T0 + LEASE - timedelta(seconds=1), LEASE) == []
        [taken] = second.claims.claim_due("other", T0 + LEASE, LEASE)
        assert taken.article_id == article_id and taken.claimed_by == "other"
        # The dead claimant's late release must not free the new holder's claim.
        assert not first.claims.release(article_id, "dead-watcher")
        assert [c.claimed_by for c in second.claims.held()] == ["other"]
        assert second.claims.release(article_id, "other")
        assert second.claims.held() == []


def test_only_due_active_articles_are_claimed(path: Path) -> None:
    with VersionStore.open(path) as store:
        [due, later, stopped] = track(store, 3)
        store.update_schedule(later, initial_state(SchedulePolicy(), T0 + timedelta(hours=1)))
        store.untrack(stopped)
        assert [c.article_id for c in store.claims.claim_due("w", T0, LEASE, limit=9)] == [due]


def test_next_claimable_counts_a_lease_running_past_the_due_time(path: Path) -> None:
    with VersionStore.open(path) as store:
        assert store.claims.next_claimable_at() is None
        [article_id] = track(store, 1)
        assert store.claims.next_claimable_at() == T0
        store.claims.claim_due("w", T0, LEASE)
        assert store.claims.next_claimable_at() == T0 + LEASE
        store.claims.release(article_id, "w")
        assert store.claims.next_claimable_at() == T0


def test_release_all_frees_one_watchers_workers_only(path: Path) -> None:
    with VersionStore.open(path) as store:
        track(store, 3)
        store.claims.claim_due("host:1:ab_c/1", T0, LEASE)
        store.claims.claim_due("host:1:ab_c/2", T0, LEASE)
        store.claims.claim_due("host:1:abxc/1", T0, LEASE)  # "_" is not a wildcard
        assert store.claims.release_all("host:1:ab_c/") == 2
        assert [c.claimed_by for c in store.claims.held()] == ["host:1:abxc/1"]


def test_postgresql_claims_lock_rows_and_skip_those_locked() -> None:
    assert claim_query(POSTGRESQL).endswith(" FOR UPDATE SKIP LOCKED")
    assert "FOR UPDATE" not in claim_query(SQLITE)  # SQLite has no row locks: BEGIN IMMEDIATE
    with pytest.raises(ValueError):
        claim_query("oracle")
