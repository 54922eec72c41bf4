"""Lines that are one link: a teaser or a menu entry is set aside, the title of an
item the writer describes is the article's.

A list of books, products or restaurants links each item's title to where it is
sold or served and describes it right after. The title line is all link, like a
teaser's, and was set aside with them: a guide that swapped one book for another
showed only a changed description. The page is written here (fictional outlet).
"""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document

_URL = "https://www.harbourreads.com/guides/drawing-books"
_TITLE = "Five books that teach you to draw"
_INTRO = (
    "Learning to draw is less a talent than a habit, and the right book makes the "
    "habit stick. These five have taught our readers for decades, and each of them "
    "is still in print, which is more than most art books can say."
)
_BOOKS = (
    (
        "Seeing Lines by Ada Morrow",
        "This is the first book to take on. Morrow guides you through a series of "
        "exercises that change how you look at an object before you draw it, and the "
        "quick wins in the first chapters keep a beginner going.",
    ),
    (
        "The Patient Hand by Tomas Reyes",
        "A follow-up for those who finished Morrow's exercises: Reyes works through "
        "shading, texture and form, with a timed study at the end of every chapter "
        "and a model answer drawn by a student.",
    ),
    (
        "Perspective Without Tears by Lina Okafor",
        "Landscape painters swear by it. Okafor shows how to find the vanishing points "
        "of a street, a room and a coastline, and why most drawings that look wrong "
        "are wrong in their horizon line.",
    ),
)


def _page(books: tuple[tuple[str, str], ...], teaser: str = "") -> str:
    items = "".join(
        f"<li><p><a href='https://books.example.com/dp/{n}'><strong>{title}</strong></a></p>"
        f"<p>{description}</p></li>"
        for n, (title, description) in enumerate(books)
    )
    return (
        f"<html><head><title>{_TITLE}</title>"
        f"<link rel='canonical' href='{_URL}'></head><body>"
        "<nav><a href='/'>Harbour Reads</a> <a href='/guides'>Guides</a></nav>"
        f"<article><h1>{_TITLE}</h1>{teaser}<p>{_INTRO}</p><ol>{items}</ol>"
        "<p>Whichever you pick, draw a little every day: ten minutes each morning "
        "does more than an afternoon once a month, our readers tell us.</p></article>"
        "<footer><p>Copyright 2026 Harbour Reads.</p></footer></body></html>"
    )


def test_the_linked_title_of_a_described_item_is_kept() -> None:
    paragraphs = extract_document(_page(_BOOKS), _URL).paragraphs

    for title, description in _BOOKS:
        assert title in paragraphs
        assert paragraphs.index(title) + 1 == paragraphs.index(description)


def test_a_book_swapped_for_another_is_a_change_of_its_title() -> None:
    swapped = (_BOOKS[0], ("The Quiet Line by Ruth Hale", _BOOKS[1][1]), _BOOKS[2])

    before = extract_document(_page(_BOOKS), _URL).paragraphs
    after = extract_document(_page(swapped), _URL).paragraphs

    assert [p for p in after if p not in before] == ["The Quiet Line by Ruth Hale"]


def test_a_teaser_of_the_outlet_s_own_story_before_a_paragraph_is_set_aside() -> None:
    """What follows a teaser is not about it, but the rule's test is where it points:
    the outlet's own story (a path, or an address on its own site)."""
    for href in ("/news/library-hours", "https://news.harbourreads.com/library-hours"):
        teaser = f"<p><a href='{href}'>Library extends its opening hours for the winter</a></p>"
        paragraphs = extract_document(_page(_BOOKS, teaser), _URL).paragraphs

        assert "Library extends its opening hours for the winter" not in paragraphs
        assert _INTRO in paragraphs


def test_a_button_to_another_site_is_no_title() -> None:
    page = _page(_BOOKS).replace(
        "</strong></a></p>",
        "</strong></a></p><p><a href='https://lists.example/add'>"
        "Add to my reading list \u2192</a></p>",
        1,
    )

    paragraphs = extract_document(page, _URL).paragraphs

    assert not any("reading list" in p for p in paragraphs)
    assert _BOOKS[0][0] in paragraphs
