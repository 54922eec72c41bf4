"""The printed "By …" line is found wherever the page's menu markup puts it.

A page written here (fictional ferry story): the only statement of the author is
a printed "By …" line, below a header whose menu holds many small elements.
The menu's markup changes between fetches (its links gain or lose icon spans);
the byline the reader sees does not, and must not come and go with it.
"""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document


def _page(menu_items: int) -> str:
    menu = "".join(
        f'<a href="/s/{n}"><span class="icon"></span><span>Section {n}</span></a>'
        for n in range(menu_items)
    )
    body = "".join(
        f"<p>Paragraph {n} of a fictional report on the ferry timetable, long enough to be "
        "read as running text by the extractor.</p>"
        for n in range(1, 5)
    )
    return (
        "<html><head><title>Late ferries</title></head><body>"
        f"<header><div>{menu}</div></header>"
        "<article><h1>Late ferries</h1>"
        f"<p>By <span>Jo Park</span></p>{body}</article></body></html>"
    )


def test_the_byline_stays_when_the_menu_above_it_grows() -> None:
    short, long = extract_document(_page(20)), extract_document(_page(300))
    assert short.byline == "Jo Park"
    assert long.byline == short.byline
