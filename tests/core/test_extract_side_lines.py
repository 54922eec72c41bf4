"""Lines beside the story, each read alone: credits, pointers, bios, the page's notices.

The two captures' rules (test_extract_link_churn.py) set such a line aside when only
its links changed; here each form is read with the story sentences that look like it.
"""

from __future__ import annotations

import pytest

from newsdiff_gui.core.extract.side_lines import (
    is_about_byline,
    is_credit_line,
    is_page_notice,
    is_pointer_line,
)


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Ana Ruiz",
        "Image from the Harbour Trust Archive.",
        "Source: Coastal Survey 2025",
        "Courtesy of the Harbour Trust",
        "Medically reviewed by Mara Linden, MD",
        "Interior design by Linden Studio, Portsea. Photo: Ana Ruiz",
        "Kitchen design and source: Weir & Partners",
    ],
)
def test_credit_lines(line: str) -> None:
    assert is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sources close to the harbour board said the loan would be repaid.",
        "The design by Linden Architects won the harbour prize.",
        "Its design by the county engineers was approved on Tuesday.",
        "Reviewers said the plan was sound.",
    ],
)
def test_story_sentences_that_name_a_source_or_a_maker(line: str) -> None:
    assert not is_credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "» Useful resource: A guide to the harbour walks",
        "» Save for your trip: When does the ferry pass cover a car?",
        "READ: Best boots for the coast path",
        "Next article: Dredging starts in March",
        "More on the topic: The harbour's long history",
        "You might also like: Winter on the quay",
    ],
)
def test_pointer_lines(line: str) -> None:
    assert is_pointer_line(line)


@pytest.mark.parametrize(
    "line",
    ["Winner: Mara Jensen", "Also standing: Tomas Weir", "Where: the old pier", "Read time: 5 min"],
)
def test_labels_of_the_storys_own_facts_point_nowhere(line: str) -> None:
    assert not is_pointer_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "This post first appeared on Harbour Notes.",
        "The views expressed by the authors are their own.",
        "We’d like to hear what you think about this story.",
        "There’s plenty more on our sister site, Coastal Living!",
        "We also may use affiliate links in our posts.",
        "This review is headed up by Mara Linden, our ferry tester.",
    ],
)
def test_notices_about_the_page(line: str) -> None:
    assert is_page_notice(line)


@pytest.mark.parametrize(
    "line",
    [
        "The code is licensed under the GPL and can be reused by other ports.",
        "Affiliate links are a growing part of the harbour shops' income.",
        "The council would like to hear from residents before March.",
    ],
)
def test_story_sentences_about_licences_and_links(line: str) -> None:
    assert not is_page_notice(line)


def test_a_bio_opens_with_a_byline_name_as_its_subject() -> None:
    byline = "Mara Linden, Tomas Weir"
    assert is_about_byline("Tomas Weir has covered the coast since 2010.", byline)
    assert is_about_byline("(Mara Linden is an associate editor.)", byline)
    assert is_about_byline("About the author: a harbour pilot.", "")
    assert not is_about_byline("Ole Brandt has covered the coast since 2010.", byline)
    assert not is_about_byline("Tomas Weirs Bay is closed to ferries.", byline)
