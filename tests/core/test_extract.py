"""extract_document on hand-written fictional pages: exact outputs, not just "non-empty"."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    ExtractionError,
    extract_document,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"


def _page(name: str) -> str:
    return decode_html((FIXTURES / name).read_bytes()).text


def test_identity_constants() -> None:
    assert EXTRACTOR_NAME == "newsdiff-extract"
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION
    assert issubclass(ExtractionError, ValueError)


def test_the_identity_names_the_engine_release() -> None:
    # A new engine release reads some pages differently; stored versions must tell
    # it from a changed article (core/extractor_upgrade.py compares the identities).
    assert EXTRACTOR_VERSION.endswith(f"+trafilatura-{version('trafilatura')}")


def test_news_page_keeps_only_the_story() -> None:
    document = extract_document(_page("news_page.html"), "https://dailyrecord.example/news/bridge")
    assert document == Document(
        title="Harbour bridge repairs to close lanes for six weeks",
        paragraphs=(
            "Two of the four lanes on the Harbour Bridge will close from Monday while engineers "
            "replace the worn expansion joints that carry traffic over the river, the city "
            "council said on Tuesday.",
            "The work is expected to last six weeks. Buses will keep a dedicated lane in each "
            "direction, but drivers have been told to expect queues of up to forty minutes "
            "during the morning peak.",
            "Why now?",
            "An inspection in January found cracks in three of the steel joints, which were "
            "installed when the bridge was widened in 1987. The council's chief engineer, "
            "Tomas Ferrer, said the repairs could not wait until the summer.",
            '"We would rather inconvenience people for six weeks than risk an emergency closure '
            'in the autumn," Ferrer said. He added that crews would work overnight where noise '
            "limits allowed.",
            "Shop owners on the southern approach said they feared losing customers. Priya "
            "Nandakumar, who runs a bakery beside the bridge, said takings fell by a third "
            "during the last closure in 2019.",
            "The council has promised free parking in two nearby car parks for the duration of "
            "the works and says it will review the traffic plan after the first week.",
        ),
        byline="Marta Quill",
        published="2024-03-12T08:15:00+00:00",
        modified="2024-03-12T10:47:00+00:00",
        dek="Two lanes of the Harbour Bridge will close from Monday while engineers replace "
        "worn expansion joints.",
    )


def test_news_page_furniture_is_gone() -> None:
    text = "\n".join(extract_document(_page("news_page.html")).paragraphs)
    for furniture in (
        "Advertisement",
        "Updated 10:47",
        "newsletter",
        "Related stories",
        "Ferry timetable",
        "riverwatcher",
        "Most read",
        "Facebook",
        "All rights reserved",
        "Sport",
    ):
        assert furniture not in text


def test_json_ld_page_uses_headline_authors_dates_and_full_body() -> None:
    # The page shows one paragraph above a paywall; JSON-LD states the whole story.
    document = extract_document(_page("jsonld_page.html"))
    assert document.title == "Orchard Valley water rates: what changes in June"
    assert document.byline == "Ana Ruiz, Kofi Mensah"
    assert document.published == "2024-05-02T07:44:00+02:00"
    assert document.modified == "2024-05-03T18:05:00+02:00"
    assert document.paragraphs == (
        "Households in Orchard Valley will pay about eight per cent more for water from June, "
        "after the regional utility board approved its first rate rise in four years.",
        "The board said the increase would pay for replacing cast-iron mains, some of which "
        "date from the 1920s, and for a new treatment plant north of the reservoir.",
        "A typical family using 150 cubic metres a year will see its annual bill rise from "
        "412 to 445 euros, according to figures published with the decision.",
        "Pensioners and households receiving housing support will keep the existing discount "
        "of a quarter off the standing charge, the board confirmed.",
    )


def test_windows_1252_page() -> None:
    raw = (FIXTURES / "windows1252_page.html").read_bytes()
    assert "é".encode("cp1252") in raw  # the fixture really is single-byte encoded
    document = extract_document(decode_html(raw).text)
    assert document.title == "Le café du port rouvre ses portes"
    assert document.byline == "Hélène Vasseur"
    assert document.published == "2023-11-04"
    assert document.modified is None
    assert document.paragraphs == (
        "Fermé depuis l’incendie de février, le café « Chez Léonie » a rouvert samedi matin "
        "sur le quai Saint-Éloi. Une centaine d’habitués attendaient devant la porte avant "
        "huit heures.",
        "Les travaux ont coûté près de 85 000 €, financés en partie par une cagnotte lancée "
        "par les pêcheurs du port. « On ne pouvait pas laisser le quai sans son café », "
        "explique Yannick Le Goff, l’un des organisateurs.",
        "La nouvelle salle garde le comptoir en zinc d’origine, sauvé des flammes par les "
        "pompiers. Le reste du mobilier a été fabriqué par un menuisier de la commune voisine.",
    )


def test_navigation_only_page_has_no_article() -> None:
    with pytest.raises(ExtractionError, match="navigation"):
        extract_document(_page("no_article.html"))


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("just some words without any markup at all", "no HTML"),
        ("<html><head><title>x</title></head><body></body></html>", "no article"),
        ("\x00\x01\x02\x03\ufffd\ufffd" * 200, "binary"),
    ],
)
def test_pages_without_article_raise_extraction_error(html: str, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        extract_document(html)


def test_non_string_input_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError):
        extract_document(b"<html></html>")  # type: ignore[arg-type]


def test_paragraph_text_is_cleaned() -> None:
    body = "".join(
        f"<p>Paragraph {n} has\u00a0odd\u200b spacing and a soft\u00adhyphen, and enough words "
        "to count as running text in an article about nothing much at all.</p>"
        for n in range(1, 5)
    )
    html = f"<html><head><title>Spacing</title></head><body><article>{body}</article></body></html>"
    document = extract_document(html)
    assert document.paragraphs[0] == (
        "Paragraph 1 has odd spacing and a softhyphen, and enough words to count as running "
        "text in an article about nothing much at all."
    )
    assert len(document.paragraphs) == 4


def test_story_nested_in_unclosed_popup_is_rescued_by_own_scorer() -> None:
    # The engine drops the whole <aside> the broken template wraps the page in;
    # the fallback scorer keeps containers that hold the page's <article>.
    document = extract_document(_page("unclosed_popup_page.html"))
    assert document.title == "Tide gauge shows record spring high at Quay Street"
    assert [p.split()[:3] for p in document.paragraphs] == [
        ["The", "tide", "gauge"],
        ["Water", "reached", "the"],
        ["Forecasters", "had", "warned"],
        ["The", "harbour", "master,"],
    ]
    assert "Join 10,000 readers" not in " ".join(document.paragraphs)


def test_fallback_scorer_reads_br_separated_text() -> None:
    from newsdiff_gui.core.extract.fallback import fallback_blocks
    from newsdiff_gui.core.extract.parsing import parse_html

    lines = [
        f"Line {n} of a notice from the harbour office, with commas, dates, and details."
        for n in range(1, 4)
    ]
    html = (
        "<html><body><div class='menu'><a href='/'>Home</a> <a href='/a'>About</a></div>"
        "<div class='notice'><p>" + "<br>".join(lines) + "</p>"
        "<p>A second paragraph, also long enough, to give the container a clear score.</p>"
        "</div></body></html>"
    )
    assert fallback_blocks(parse_html(html)) == [
        *lines,
        "A second paragraph, also long enough, to give the container a clear score.",
    ]
