"""extract_document: HTML text → Document (the package's one entry point)."""

from __future__ import annotations

import functools

from lxml.html import HtmlElement

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract.asides import restore_article_asides
from newsdiff_gui.core.extract.boilerplate import (
    drop_headline_echo,
    drop_top_byline,
    remove_boilerplate,
)
from newsdiff_gui.core.extract.bylines import make_byline
from newsdiff_gui.core.extract.contents_tables import drop_contents_tables
from newsdiff_gui.core.extract.crosscheck import reconcile
from newsdiff_gui.core.extract.dates import to_iso8601
from newsdiff_gui.core.extract.engine import engine_blocks, split_glued
from newsdiff_gui.core.extract.errors import ExtractionError
from newsdiff_gui.core.extract.fallback import fallback_blocks
from newsdiff_gui.core.extract.faq import restore_faq
from newsdiff_gui.core.extract.frame import frame_names_set_aside
from newsdiff_gui.core.extract.furniture import drop_unprinted_description
from newsdiff_gui.core.extract.gaps import restore_dropped_paragraphs
from newsdiff_gui.core.extract.glued_stamps import drop_glued_stamps
from newsdiff_gui.core.extract.headings import restore_subheadings
from newsdiff_gui.core.extract.intro import restore_opening
from newsdiff_gui.core.extract.labelled_lists import restore_labelled_lists
from newsdiff_gui.core.extract.lead_in import restore_lead_in
from newsdiff_gui.core.extract.link_entries import drop_link_lines
from newsdiff_gui.core.extract.lists import restore_article_lists
from newsdiff_gui.core.extract.menus import is_mostly_links
from newsdiff_gui.core.extract.misnamed import holder_names_set_aside
from newsdiff_gui.core.extract.page_header import drop_page_header_blocks
from newsdiff_gui.core.extract.panels import show_page
from newsdiff_gui.core.extract.parsing import parse_page
from newsdiff_gui.core.extract.printed_faq import printed_faq
from newsdiff_gui.core.extract.quote_lists import restore_quote_lists
from newsdiff_gui.core.extract.quotes import restore_article_quotes
from newsdiff_gui.core.extract.split_body import restore_split_parts
from newsdiff_gui.core.extract.story_notes import restore_story_notes
from newsdiff_gui.core.extract.story_sources import restore_story_sources
from newsdiff_gui.core.extract.structured import PageMetadata, read_metadata
from newsdiff_gui.core.extract.tag_lines import drop_tag_lines
from newsdiff_gui.core.extract.teasers import drop_trailing_teasers
from newsdiff_gui.core.extract.text_key import text_length
from newsdiff_gui.core.extract.titles import Headline, choose_headline

# Tuned on WCXB and AEB together (0.2 and 0.35 scored alike on both).
_ALTERNATIVE_SHARE = 0.2
_MIN_SPLIT_BLOCKS = 3
# ... when it reads most of the block's text: a scorer that found one section
# of a long page (a list of podcasts and not its introduction) does not.
_MIN_SPLIT_SHARE = 0.6


def _tidy(
    blocks: list[str], tree: HtmlElement, meta: PageMetadata, headline: Headline, url: str | None
) -> list[str]:
    """A reading of the page with the story's dropped parts put back and furniture dropped."""
    title = headline.title
    titles = [title, headline.printed, *meta.titles, meta.html_title or ""]
    # Lists first: a list whose items a heading repeats ("Wix", "Squarespace") would
    # read as kept once the headings are back. Then the lists under a heading put back.
    blocks = restore_subheadings(restore_article_lists(blocks, tree), tree)
    blocks = restore_article_asides(restore_article_lists(blocks, tree), tree)
    blocks = restore_labelled_lists(blocks, tree)
    blocks = restore_quote_lists(blocks, tree)
    blocks = restore_story_notes(blocks, tree)
    blocks = reconcile(blocks, meta.article_body, tree)
    # After the cross-check: a stated body leaves embedded posts out.
    blocks = restore_split_parts(restore_article_quotes(blocks, tree), tree)
    # A page that states no FAQ for search engines may still print one.
    blocks = restore_faq(blocks, tree, meta.faq or printed_faq(tree))
    blocks = restore_story_sources(blocks, tree)
    blocks = drop_glued_stamps(restore_dropped_paragraphs(blocks, tree), tree)
    blocks = remove_boilerplate(drop_top_byline(drop_headline_echo(blocks, titles)))
    blocks = drop_unprinted_description(blocks, meta.description, tree)
    blocks = restore_opening(blocks, tree, title, meta.description)
    blocks = restore_lead_in(blocks, tree, title, meta.description)
    blocks = drop_tag_lines(drop_link_lines(blocks, tree, url), tree)
    blocks = drop_page_header_blocks(blocks, tree)
    return drop_trailing_teasers(drop_contents_tables(blocks, tree), tree)


def _article_blocks(
    tree: HtmlElement, meta: PageMetadata, headline: Headline, url: str | None
) -> list[str]:
    """The engine's blocks, or our own scorer's when the engine found only a menu or nothing."""
    # Our scorer's reading, tidied: read once, when a rule below first asks for it.
    scorer = functools.cache(lambda: _tidy(fallback_blocks(tree), tree, meta, headline, url))

    engine = engine_blocks(tree, url)
    if engine.glued:
        # One glued block: an edit anywhere in it is unreadable in a diff, and
        # its bylines, tables of contents and sources are glued in with the story.
        # Our scorer's reading, block by block, wins when it finds the story.
        split = scorer()
        if (
            len(split) >= _MIN_SPLIT_BLOCKS
            and text_length(split) >= _MIN_SPLIT_SHARE * len(engine.blocks[0])
            and not is_mostly_links(split, tree)
        ):
            return split
        engine = split_glued(tree, url, engine) or engine
    found = _tidy(engine.blocks, tree, meta, headline, url)
    if found and not is_mostly_links(found, tree):
        if not engine.thin:
            return found
        # The engine kept little of the page: our scorer's reading wins when it
        # is several times longer and is not itself a menu.
        alternative = scorer()
        if text_length(found) < _ALTERNATIVE_SHARE * text_length(
            alternative
        ) and not is_mostly_links(alternative, tree):
            return alternative
        return found
    rescued = scorer()
    if rescued and not is_mostly_links(rescued, tree):
        return rescued
    if found or rescued:
        raise ExtractionError("the page holds only navigation links, no article text")
    raise ExtractionError("no article text found on the page")


def extract_document(html: str, url: str | None = None) -> Document:
    """The article on a page: title, byline, dates and its own text blocks.

    Raises ExtractionError (and nothing else) when the page holds no article.
    """
    page = parse_page(html)
    tree = page.root
    meta = read_metadata(tree)
    show_page(tree)
    headline = choose_headline(tree, meta, url)
    with frame_names_set_aside(tree), holder_names_set_aside(tree):
        paragraphs = _article_blocks(tree, meta, headline, url)
    return Document(
        title=headline.title,
        paragraphs=tuple(paragraphs),
        byline=make_byline(meta.authors),
        published=to_iso8601(meta.published),
        modified=to_iso8601(meta.modified),
        dek=meta.description,
        extraction_warning=page.warning,
        other_titles=headline.alternatives,
    )
