"""extract_document: HTML text → Document (the package's one entry point)."""

from __future__ import annotations

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract.boilerplate import (
    drop_headline_echo,
    is_mostly_links,
    remove_boilerplate,
)
from newsdiff_gui.core.extract.bylines import make_byline
from newsdiff_gui.core.extract.crosscheck import reconcile
from newsdiff_gui.core.extract.dates import to_iso8601
from newsdiff_gui.core.extract.engine import engine_blocks
from newsdiff_gui.core.extract.errors import ExtractionError
from newsdiff_gui.core.extract.parsing import parse_html
from newsdiff_gui.core.extract.structured import read_metadata
from newsdiff_gui.core.extract.titles import choose_title


def extract_document(html: str, url: str | None = None) -> Document:
    """The article on a page: title, byline, dates and its own text blocks.

    Raises ExtractionError (and nothing else) when the page holds no article.
    """
    tree = parse_html(html)
    meta = read_metadata(tree)
    title = choose_title(tree, meta, url)
    paragraphs = reconcile(engine_blocks(tree, url), meta.article_body, tree)
    paragraphs = drop_headline_echo(paragraphs, [title, *meta.titles, meta.html_title or ""])
    paragraphs = remove_boilerplate(paragraphs)
    if not paragraphs:
        raise ExtractionError("no article text found on the page")
    if is_mostly_links(paragraphs, tree):
        raise ExtractionError("the page holds only navigation links, no article text")
    return Document(
        title=title,
        paragraphs=tuple(paragraphs),
        byline=make_byline(meta.authors),
        published=to_iso8601(meta.published),
        modified=to_iso8601(meta.modified),
        dek=meta.description,
    )
