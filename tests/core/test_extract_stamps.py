"""Which lines are metadata (a stamp, a count) and which are the story's."""

from __future__ import annotations

import pytest

from newsdiff_gui.core.extract.stamps import is_stamp_line


@pytest.mark.parametrize(
    "line",
    [
        "941 comments",
        "1.5k shares",
        "Ana Morel · 2.1K likes",
        "1,204 people are reading this now",
        "12 readers online",
        "Created on Jul 11, 2025",
        "Ana Morel · 8 min read",
    ],
)
def test_metadata_lines(line: str) -> None:
    assert is_stamp_line(line)


@pytest.mark.parametrize(
    "line",
    [
        # A list's number, not a count: numbered subheadings of a guide.
        "5. Online Fitness Coaching",
        "3. Views From Above",
        # The story's own counts are sentences.
        "Some 2,000 people are watching the river rise.",
        "Updated at 10:47: police said two people were hurt",
        # An event's range of days is when it runs.
        "Harbour Sail Week: July 30 - August 2, 2026 | Portsea",
        "Portsea Regatta, 30 July–2 August 2026",
    ],
)
def test_story_lines(line: str) -> None:
    assert not is_stamp_line(line)
