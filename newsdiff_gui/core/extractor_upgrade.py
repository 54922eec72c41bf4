"""An extractor upgrade is not a change of the article.

When the extractor improves (a title now read from the visible headline, a
pop-up card dropped, a list kept), the first check after the upgrade extracts
the same page differently from the stored version. Comparing that with the
stored text would record a version the newsroom never made. So when the latest
version was extracted by another extractor version, its stored page is
extracted again by this one, and a capture whose text equals that re-extraction
is no new version. A real edit still differs from the re-extraction and is kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from newsdiff_gui.core.charset import decode_html
from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION
from newsdiff_gui.core.extract.between_captures import same_story_text
from newsdiff_gui.core.store import StoredVersion, VersionStore, content_hash

log = logging.getLogger(__name__)

Extract = Callable[[str, str | None], Document]


def same_page_as_before_the_upgrade(
    store: VersionStore, latest: StoredVersion | None, document: Document, extract: Extract
) -> bool:
    """Whether `document` differs from `latest` only because the extractor changed."""
    if latest is None or (latest.extractor, latest.extractor_version) == (
        EXTRACTOR_NAME,
        EXTRACTOR_VERSION,
    ):
        return False
    digest = content_hash(document)
    if digest == latest.content_hash:
        return False  # the store sees it is unchanged on its own
    page = _stored_page(store, latest)
    if page is None:
        return False
    try:
        again = extract(page, latest.final_url)
    except Exception:  # an old page this extractor refuses: compare as before
        log.info("re-extracting version %s failed", latest.number, exc_info=True)
        return False
    return content_hash(again) == digest


def same_story_as_the_previous_capture(
    store: VersionStore, latest: StoredVersion | None, document: Document, html: str
) -> bool:
    """Whether `document` (read from `html`) differs from `latest` only in lines of links
    to other pages (teasers, promos, section rows) and in blocks both captures print
    unchanged (see core/extract/between_captures.py).

    Lives beside the upgrade check because it needs the same thing a one-page
    extractor lacks: the stored page of the previous version.
    """
    if latest is None or content_hash(document) == latest.content_hash:
        return False
    previous = _stored_page(store, latest)
    if previous is None:
        return False
    return same_story_text(latest.document, previous, document, html)


def _stored_page(store: VersionStore, version: StoredVersion) -> str | None:
    """The page `version` was read from, as text; None (logged) when it cannot be read,
    and the capture is then compared as before."""
    try:
        return decode_html(
            store.raw_html(version.article_id, version.number), version.encoding
        ).text
    except Exception:
        log.info("reading the page of version %s failed", version.number, exc_info=True)
        return None
