"""The audit log's hash chain: each kind of tampering fails and names the entry."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff_gui.core.audit.chain import (
    GENESIS,
    AuditAction,
    AuditEntry,
    AuditEntryError,
    ChainFault,
    build_chain,
    entry_from_json,
    entry_hash,
    entry_to_json,
    verify_chain,
)

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _chain(count: int, before: str = GENESIS) -> list[AuditEntry]:
    drafts = [
        (
            seq * 3 + 1,
            START + timedelta(minutes=seq, microseconds=seq * 7),
            "Ana Ruiz",
            AuditAction.CAPTURE if seq % 2 else AuditAction.NOTE_EDIT,
            f"version:4/{seq + 1}",
            {"sha256": hashlib.sha256(str(seq).encode()).hexdigest()},
        )
        for seq in range(count)
    ]
    return build_chain(drafts, article_id=4, before=before)


def test_an_intact_chain_verifies_and_counts_its_entries() -> None:
    check = verify_chain(_chain(5))
    assert check.ok and check.count == 5
    assert check.describe() == "log intact, 5 entries"
    assert verify_chain(_chain(1)).describe() == "log intact, 1 entry"


def test_the_hash_is_sha256_of_the_canonical_json_of_the_contract_fields() -> None:
    entry = _chain(1)[0]
    obj = entry_to_json(entry)
    hashed = {key: value for key, value in obj.items() if key != "sha256"}
    assert set(hashed) == {"seq", "at", "author", "action", "object", "article", "detail", "prev"}
    canonical = json.dumps(hashed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == obj["sha256"]
    assert obj["at"] == "2026-03-01T09:30:00Z" and obj["prev"] == GENESIS


def test_editing_an_entry_fails_and_names_it() -> None:
    chain = _chain(4)
    chain[2] = replace(chain[2], author="Someone Else")
    check = verify_chain(chain)
    assert not check.ok and check.failed_seq == chain[2].seq
    assert check.fault is ChainFault.EDITED
    assert f"log entry {chain[2].seq}" in check.describe() and "edited" in check.describe()


def test_editing_an_entry_and_rehashing_it_breaks_the_next_link() -> None:
    chain = _chain(4)
    forged = replace(chain[1], detail={"sha256": "0" * 64})
    chain[1] = replace(forged, sha256=entry_hash(forged))
    check = verify_chain(chain)
    assert check.failed_seq == chain[2].seq and check.fault is ChainFault.BROKEN_LINK


def test_deleting_an_entry_fails_and_names_the_one_after_the_gap() -> None:
    chain = _chain(5)
    del chain[2]
    check = verify_chain(chain)
    assert check.failed_seq == chain[2].seq and check.fault is ChainFault.BROKEN_LINK
    assert "deleted" in check.reason


def test_deleting_the_first_entry_fails_against_the_genesis() -> None:
    chain = _chain(3)[1:]
    check = verify_chain(chain)
    assert check.failed_seq == chain[0].seq and check.fault is ChainFault.BROKEN_LINK


def test_reordering_entries_fails_and_names_the_moved_entry() -> None:
    chain = _chain(5)
    chain[1], chain[3] = chain[3], chain[1]
    check = verify_chain(chain)
    assert not check.ok and check.failed_seq == chain[1].seq


def test_reordering_with_renumbered_seq_still_fails() -> None:
    chain = _chain(4)
    # Swap the entries' places but keep the sequence increasing, as a forger would.
    first, second = chain[1], chain[2]
    chain[1] = replace(second, seq=first.seq)
    chain[2] = replace(first, seq=second.seq)
    check = verify_chain(chain)
    assert not check.ok and check.failed_seq == chain[1].seq


def test_inserting_an_entry_fails_and_names_it() -> None:
    chain = _chain(4)
    intruder = build_chain(
        [(chain[1].seq + 1, START, "x", AuditAction.EXPORT, "export:pdf", {})],
        article_id=4,
        before=chain[1].sha256,
    )[0]
    chain.insert(2, intruder)
    check = verify_chain(chain)
    # The intruder links correctly to its predecessor, so the break shows at the next entry.
    assert check.failed_seq == chain[3].seq and check.fault is ChainFault.BROKEN_LINK


def test_a_part_of_a_chain_verifies_against_the_hash_before_it() -> None:
    chain = _chain(6)
    assert verify_chain(chain[3:], before=chain[2].sha256).ok
    assert not verify_chain(chain[3:]).ok


def test_json_round_trip_keeps_every_field() -> None:
    for entry in _chain(3):
        assert entry_from_json(json.loads(json.dumps(entry_to_json(entry)))) == entry


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"seq": 1},
        {"seq": "1", "article": 1},
        {**entry_to_json(_chain(1)[0]), "action": "shred"},
        {**entry_to_json(_chain(1)[0]), "at": "2026-03-01T09:30:00+02:00"},
        {**entry_to_json(_chain(1)[0]), "detail": {"n": 3}},
        {**entry_to_json(_chain(1)[0]), "author": None},
    ],
)
def test_bad_json_is_a_typed_error(bad: object) -> None:
    with pytest.raises(AuditEntryError):
        entry_from_json(bad)


_drafts = st.lists(
    st.tuples(
        st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
        ),
        st.text(max_size=20),
        st.sampled_from(list(AuditAction)),
        st.text(max_size=20),
        st.dictionaries(st.text(max_size=8), st.text(max_size=16), max_size=3),
    ),
    min_size=1,
    max_size=12,
)


def _build(
    drafts: list[tuple[datetime, str, AuditAction, str, dict[str, str]]],
) -> list[AuditEntry]:
    numbered = [(index * 2 + 1, *draft) for index, draft in enumerate(drafts)]
    return build_chain(numbered, article_id=9)


@settings(max_examples=150, deadline=None)
@given(drafts=_drafts, data=st.data())
def test_random_chains_verify_and_any_tampering_names_the_entry(
    drafts: list[tuple[datetime, str, AuditAction, str, dict[str, str]]], data: st.DataObject
) -> None:
    chain = _build(drafts)
    assert verify_chain(chain).ok
    assert [entry_from_json(json.loads(json.dumps(entry_to_json(e)))) for e in chain] == chain
    victim = data.draw(st.integers(0, len(chain) - 1))
    tamper = data.draw(st.sampled_from(["edit", "delete", "swap"]))
    tampered = list(chain)
    if tamper == "edit":
        tampered[victim] = replace(chain[victim], object=chain[victim].object + "!")
        expected = chain[victim].seq
    elif tamper == "delete":
        del tampered[victim]
        if victim == len(chain) - 1:
            return  # the tail's deletion is caught by the store's seq count, not by links
        expected = chain[victim + 1].seq
    else:
        if len(chain) < 2:
            return
        other = (victim + 1) % len(chain)
        tampered[victim], tampered[other] = tampered[other], tampered[victim]
        expected = tampered[min(victim, other)].seq
    check = verify_chain(tampered)
    assert not check.ok and check.failed_seq == expected
