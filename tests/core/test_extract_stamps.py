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
        # The labels a page stamps itself with.
        "Updated: November 4, 2025",
        "Last updated: Nov 4, 2025 10:30",
        "Date: 4 November 2025",
        "Posted on: November 4, 2025",
        "First published: 3 March 2024",
        "By: Ana Morel, November 4, 2025",
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
        # Any other label before a date names a fact: a book's release, a deadline.
        "Released: November 4, 2025 by Harbour Press",
        "Deadline: March 3, 2026",
        "Ferry resumes: 12 May 2026",
        # A quotation's signature (an embedded post's): who said it, and when.
        "— Harbour Desk (@harbourdesk) November 18, 2019",
        "– Ana Morel, 3 March 2024",
    ],
)
def test_story_lines(line: str) -> None:
    assert not is_stamp_line(line)
