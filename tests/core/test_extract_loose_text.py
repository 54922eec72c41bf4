"""A page that prints its story straight into a box, with no paragraph elements.

Older templates and some page builders write "<div>Text <a>link</a> text.<h2>…</h2>
Text …</div>". The engine's quick pass read such a page's first run of text as the
whole story (a twentieth of it, on a software guide with five sections), so an edit
anywhere else made no version; and the engine cuts such a run at each link, so
one sentence came out as five blocks. The page is written here (fictional outlet).
"""

from __future__ import annotations

import time

import pytest
from lxml import etree

from newsdiff_gui.core.extract import engine, extract_document
from newsdiff_gui.core.extract.blocks import body_blocks
from tests.support.timing import PROMPTLY

_TITLE = "Which accounting tools suit a one-person studio"

_SECTIONS = (
    (
        "Why the choice matters",
        "Small studios keep their books in spreadsheets for years, and most of them "
        "switch only when a tax deadline goes wrong. A tool that sends invoices and "
        "tracks expenses in one place saves a freelancer about three hours a week, "
        "according to a survey by the <a href='https://example.org/guild'>Harbour "
        "Freelancers Guild</a> of 1,200 of its members.",
    ),
    (
        "What to look for first",
        "Start with invoicing: whether you are a <a href='/tags/photography'>"
        "photographer</a>, an <a href='/tags/architecture'>architect</a>, or run a small "
        "<a href='/tags/shops'>online shop</a>, your clients see the invoice before "
        "anything else. Then look at how the tool handles receipts, mileage and sales "
        "tax, and whether it exports to the format your accountant uses.",
    ),
    (
        "Ledgerly: best for getting paid faster",
        "Ledgerly sends an invoice in two taps from a phone and reminds late payers on "
        "its own. The solo plan costs <a href='/go/ledgerly'>$24 monthly</a> and "
        "includes unlimited invoices, expense tracking and quarterly tax reports, and "
        "the studio plan adds a second user for $12 more.",
    ),
    (
        "Tallybook: best for sales tax",
        "Tallybook files sales tax returns in eleven states and keeps the rates up to "
        "date itself. Its three plans cost $9, $30 and $60 a month, and the cheapest "
        "limits a studio to twenty invoices, which most freelancers outgrow within a "
        "year of steady work.",
    ),
    (
        "Booksy: best for studios with staff",
        "Booksy runs payroll for up to five employees and files the quarterly forms, "
        "which neither of the others does. It costs $40 a month before payroll, and "
        "each employee adds $6; studios that pay only contractors will find most of "
        "what it charges for unused, and its invoices cannot yet be sent from a phone.",
    ),
    (
        "How we tested",
        "We kept the books of a two-person design studio in each tool for a month, "
        "sending the same twenty invoices, logging the same sixty receipts and "
        "preparing the same quarterly estimate, and we asked an accountant in Porthaven "
        "to review each export for errors before we ranked the tools.",
    ),
    (
        "Our verdict",
        "For most one-person studios Ledgerly is the simpler start, and Tallybook is "
        "worth its higher price only for those selling goods across state lines, where "
        "the tax filings alone take a day each quarter.",
    ),
)


def _page(sections: tuple[tuple[str, str], ...]) -> str:
    story = "".join(f"<h2>{heading}</h2> {text} " for heading, text in sections)
    return (
        f"<html><head><title>{_TITLE}</title></head><body>"
        "<header><a href='/'>Studio Ledger</a> <a href='/guides'>Guides</a></header>"
        f"<article><h1>{_TITLE}</h1><div class='entry-content'>{story}</div></article>"
        "<footer><p>Studio Ledger</p><p>Copyright 2026 Studio Ledger Media.</p></footer>"
        "</body></html>"
    )


def _plain(markup: str) -> str:
    return " ".join(etree.fromstring(f"<x>{markup}</x>").xpath("string()").split())


def test_a_story_printed_into_a_box_is_read_whole_and_a_sentence_is_one_block() -> None:
    document = extract_document(_page(_SECTIONS), "https://studioledger.example/guides/tools")

    for heading, text in _SECTIONS:
        assert heading in document.paragraphs
        assert _plain(text) in document.paragraphs


def test_an_edit_in_a_later_section_of_such_a_page_changes_the_stored_text() -> None:
    heading, text = _SECTIONS[3]
    edited = (*_SECTIONS[:3], (heading, text.replace("$9, $30", "$12, $30")), *_SECTIONS[4:])
    url = "https://studioledger.example/guides/tools"

    before = extract_document(_page(_SECTIONS), url).paragraphs
    after = extract_document(_page(edited), url).paragraphs

    assert [p for p in after if p not in before] == [_plain(edited[3][1])]


def _passes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    ran: list[bool] = []
    run = engine._run

    def spy(tree: object, url: str | None, *, fast: bool) -> list[str]:
        ran.append(fast)
        return run(tree, url, fast=fast)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_run", spy)
    return ran


def test_a_hidden_copy_of_the_story_for_machines_is_no_prose_on_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page may hold its story a second time in a hidden box of structured data;
    counted as prose, it made the quick pass look thin, and the full pass read the
    hidden copy and its fields ("BusinessInsider", keywords) as the story."""
    story = " ".join(_plain(text) for _, text in _SECTIONS)
    # Two long paragraphs: a quick pass that finds a few blocks is the one that
    # asks whether the page holds prose outside its paragraphs.
    half = len(_SECTIONS) // 2
    visible = "".join(
        f"<p>{' '.join(_plain(text) for _, text in part)}</p>"
        for part in (_SECTIONS[:half], _SECTIONS[half:])
    )
    page = (
        f"<html><head><title>{_TITLE}</title></head><body><article><h1>{_TITLE}</h1>"
        f"{visible}<div style='display:none' itemscope>"
        f"<div itemprop='articleBody'>{story} {story}</div></div></article></body></html>"
    )
    ran = _passes(monkeypatch)

    extract_document(page, "https://studioledger.example/guides/tools")

    assert ran == [True]


def test_a_page_without_paragraph_elements_gets_the_engine_s_full_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran = _passes(monkeypatch)

    extract_document(_page(_SECTIONS), "https://studioledger.example/guides/tools")

    assert ran == [True, False]


def _engine_body(markup: str) -> etree._Element:
    return etree.fromstring(f"<body>{markup}</body>")


def test_loose_text_between_paragraphs_rejoins_them_inside_a_sentence() -> None:
    body = _engine_body(
        "<head>Plans</head><p>Whether you are a </p>photographer<p>, an </p>architect"
        "<p>, or run a small </p>online shop<p>. The plan is powered by </p>Fathom"
        "<p> \u2014 a report tool.</p><p>Next paragraph.</p>"
    )

    assert body_blocks(body) == [
        "Plans",
        "Whether you are a photographer, an architect, or run a small online shop. "
        "The plan is powered by Fathom \u2014 a report tool.",
        "Next paragraph.",
    ]


@pytest.mark.parametrize(
    "markup",
    [
        # Blocks of a page meet with no space between them.
        "<p>Tags:</p>Data &amp; Analytics<p>July 18, 2024</p>",
        "<p>Free 14-Day Trial</p>QUICK SUMMARY:<p>Three tools compared.</p>",
        # A sentence's end is a paragraph's end, spaced or not.
        "<p>It costs $24 a month. </p>Start your free trial<p>Plans compared below.</p>",
    ],
)
def test_loose_text_beside_separate_blocks_stays_a_block_of_its_own(markup: str) -> None:
    blocks = body_blocks(_engine_body(markup))

    assert len(blocks) == 3


def test_a_huge_or_hostile_page_of_loose_text_is_read_promptly() -> None:
    """Twenty thousand runs cut by links under one box, and forty nests of 250 boxes
    each printing a run: every run shares its boxes with the others, and a rule that
    keys or climbs a box once per run took over half a minute on each page."""
    run = "Whether you are a photographer or run a small shop, the invoice comes first "
    parts = []
    for index in range(20_000):
        parts.append(f"{run}<a href='/t/{index}'>tag {index}</a>")
        if index % 50 == 49:
            parts.append(f"<h2>Section {index}</h2>")
    runs = f"<html><body><div class='entry'>{' '.join(parts)}</div></body></html>"
    nest = "".join(f"<div>{run}" for _ in range(250)) + "</div>" * 250
    nests = f"<html><body>{nest * 40}</body></html>"

    started = time.process_time()
    read_runs = extract_document(runs, "https://studioledger.example/a").paragraphs
    read_nests = extract_document(nests, "https://studioledger.example/b").paragraphs

    assert time.process_time() - started < PROMPTLY
    assert "Section 19999" in read_runs
    assert read_nests and read_nests[0].startswith("Whether you are a photographer")


def test_a_sentence_cut_at_thirty_thousand_links_is_joined_promptly() -> None:
    """Joined piece by piece, the paragraph was read and copied whole at every seam:
    8,000 pieces took 20 s, a page's worth of them hours."""
    run = " and then the invoice is what your clients see first, "
    body = _engine_body(
        "<p>Whether you are a photographer </p>"
        + "".join(f"tag {index}<p>{run}</p>" for index in range(30_000))
    )

    started = time.process_time()
    blocks = body_blocks(body)

    assert time.process_time() - started < PROMPTLY
    assert len(blocks) == 1
    assert blocks[0].startswith("Whether you are a photographer tag 0 and then the invoice")
    assert blocks[0].endswith("tag 29999 and then the invoice is what your clients see first,")
