"""Invisible characters that carry no meaning never make a version or a diff row;
bidirectional embeddings, overrides and isolates do (issue 9, item 3)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdiff_gui.core.align import ChangeKind, align
from newsdiff_gui.core.align.text import clean
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import clean_text, content_fingerprint
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import (
    Capture,
    CaptureOutcome,
    VersionNotice,
    VersionSource,
    VersionStore,
)

# Each renders as nothing; an attacker or a CMS can add or drop them at will.
NOISE = {
    "function application": "\u2061",
    "invisible times": "\u2062",
    "invisible separator": "\u2063",
    "invisible plus": "\u2064",
    "combining grapheme joiner": "\u034f",
    "Hangul filler": "\u3164",
    "Hangul choseong filler": "\u115f",
    "Hangul jungseong filler": "\u1160",
    "halfwidth Hangul filler": "\uffa0",
    "tag characters": "\U000e0001\U000e0074\U000e0061\U000e0067\U000e007f",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "Arabic letter mark": "\u061c",
    "variation selector after a letter": "\ufe0f",
    "ideographic variation selector after a letter": "\U000e0100",
    "Mongolian vowel separator": "\u180e",
    "deprecated format character": "\u206a",
    "word joiner": "\u2060",
    "zero-width space": "\u200b",
}
URL = "https://gazette.example/flood"
T0 = datetime(2026, 3, 10, 6, 12, tzinfo=UTC)
OLD = (
    "The council said 12 homes were flooded when the river burst its banks.",
    "Residents were moved to the school hall overnight, a spokesman said.",
)


def _with(char: str) -> tuple[str, ...]:
    first, second = OLD
    return (first.replace("homes", f"ho{char}mes"), second.replace("hall", f"hall{char}"))


@pytest.mark.parametrize("char", list(NOISE.values()), ids=list(NOISE))
def test_noise_makes_no_row(char: str) -> None:
    diff = align(Document("Flood", OLD), Document(f"Fl{char}ood", _with(char)))
    assert not diff.changed
    assert all(row.kind is ChangeKind.UNCHANGED for row in diff.rows)


@pytest.mark.parametrize("char", list(NOISE.values()), ids=list(NOISE))
def test_noise_makes_no_version(char: str, tmp_path: Path) -> None:
    with VersionStore.open(tmp_path / "store.sqlite3") as store:
        article = store.add_article(URL, initial_state(SchedulePolicy(), T0), T0)
        first = store.add_capture(article.id, _capture(Document("Flood", OLD)))
        again = store.add_capture(article.id, _capture(Document(f"Fl{char}ood", _with(char))))
    assert first.outcome is CaptureOutcome.NEW_VERSION
    assert again.outcome is CaptureOutcome.UNCHANGED


def _capture(document: Document, notices: frozenset[VersionNotice] = frozenset()) -> Capture:
    return Capture(
        raw=repr(document).encode(),
        document=document,
        extractor="test",
        extractor_version="1",
        captured_at=T0,
        source=VersionSource.IMPORT,
        notices=notices,
    )


@pytest.mark.parametrize("char", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_explicit_bidi_controls_are_kept_and_make_a_change(char: str) -> None:
    assert clean_text(f"a{char}b") == f"a{char}b"
    new = (OLD[0].replace("12", f"{char}12"), OLD[1])
    diff = align(Document("Flood", OLD), Document("Flood", new))
    assert diff.rows[0].kind is ChangeKind.EDITED


def test_variation_selectors_that_select_a_glyph_are_kept() -> None:
    for text in [
        "I \u2764\ufe0f it",
        "Press 1\ufe0f\u20e3",
        "\u845b\U000e0100 family",
        "\u2229\ufe00",
    ]:
        assert clean_text(text) == text
    assert clean_text("\u2764\ufe0f\ufe0f") == "\u2764\ufe0f"  # a second one is noise
    assert clean_text("\ufe0fStart") == "Start"


def test_removing_a_grapheme_joiner_leaves_canonical_text() -> None:
    # CGJ blocks canonical reordering; without it the marks must be reordered.
    assert clean_text("a\u0301\u034f\u0323") == clean_text("a\u0301\u0323")


def test_visible_marks_stay() -> None:
    for text in ["\u0600\u0661\u0662", "Zwei Häuser", "\u05e9\u05dc\u05d5\u05dd"]:
        assert clean_text(text) == text


@pytest.mark.parametrize("char", list(NOISE.values()), ids=list(NOISE))
def test_fast_cleaning_agrees_with_clean_text(char: str) -> None:
    # align/text.py skips clean_text for text that looks clean already.
    text = f"Fl{char}ood {char}12"
    assert clean(text) == clean_text(text) == "Flood 12"


def test_fingerprint_ignores_noise_but_not_overrides() -> None:
    base = content_fingerprint("Flood", None, OLD)
    assert content_fingerprint("Fl\u2062ood", None, _with("\u3164")) == base
    assert (
        content_fingerprint("Flood", None, (OLD[0].replace("12", "\u202e21\u202c"), OLD[1])) != base
    )


def test_hidden_characters_flag_is_set_once_and_merged(tmp_path: Path) -> None:
    reversed_text = (OLD[0].replace("12", "\u202e21\u202c"), OLD[1])
    with VersionStore.open(tmp_path / "store.sqlite3") as store:
        article = store.add_article(URL, initial_state(SchedulePolicy(), T0), T0)
        plain = store.add_capture(article.id, _capture(Document("Flood", OLD)))
        flagged = store.add_capture(
            article.id,
            _capture(
                Document("Flood", reversed_text),
                frozenset({VersionNotice.CHARSET_MISMATCH}),
            ),
        )
        stored = store.get_version(article.id, 2)
    assert plain.version.notices == ()
    assert "hidden_characters" not in plain.version.flags
    assert set(flagged.version.notices) == {
        VersionNotice.CHARSET_MISMATCH,
        VersionNotice.HIDDEN_CHARACTERS,
    }
    assert "hidden_characters" in stored.flags
    assert stored.document.paragraphs[0] == reversed_text[0]  # stored as published
