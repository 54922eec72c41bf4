"""An article read with what the store knows of its outlet: the blocks it prints everywhere."""

from __future__ import annotations

from collections.abc import Callable

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.extract.outlet import article_blocks, set_aside_furniture
from newsdiff_gui.core.store import StoredVersion, VersionStore
from newsdiff_gui.core.store.page_store import article_host

# How many other articles of an outlet its furniture is learned from: the most
# recently changed ones, enough to see a block recur, few enough to read per check.
OUTLET_ARTICLES = 20


def outlet_furniture(
    store: VersionStore, url: str, article_id: int, latest: StoredVersion | None
) -> Callable[[Document], Document]:
    """What sets aside the blocks this article's outlet prints on its other articles
    (`latest`: the article's latest version, whose set-aside blocks stay aside)."""
    host = article_host(url)
    documents = store.outlets.latest_documents(host, article_id, OUTLET_ARTICLES) if host else []
    others = [article_blocks(other) for other in documents]
    previous = latest.document.set_aside if latest is not None else ()

    def outlet(document: Document) -> Document:
        return set_aside_furniture(document, others, host, previous)

    return outlet
