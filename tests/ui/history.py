"""A small store history for UI tests and screenshots (fictional articles)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import SchedulePolicy, initial_state
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from tests.support.pages import STORM, STORM_TITLE

T0 = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)

STORM_V2 = (
    STORM[0].replace("Seven people were", "At least nine people have been"),
    STORM[1],
    STORM[3],
    STORM[4],
    STORM[2],
    "Schools in the affected districts will remain closed. They reopen on Thursday, "
    "the education ministry said in a statement.",
    "The coastguard said two fishermen were still missing on Wednesday evening.",
)

FERRY_TITLE = "Council approves new ferry timetable"
FERRY = (
    "The harbour council voted on Monday to add two evening crossings to the island ferry.",
    "The change takes effect in April and will cost the council about 300,000 euros a year.",
    "Councillor Ada Brook said the vote was “long overdue for island workers”.",
)
FERRY_V2 = (
    FERRY[0],
    "The change takes effect in May and will cost the council about 350,000 euros a year.",
)

BAKERY = (
    "A family bakery in the old town has won the national bread award for a second year.",
    "Judges praised its rye loaf, baked to a recipe from 1921.",
)


def capture(document: Document, when: datetime) -> Capture:
    return Capture(
        raw=("<html>" + document.title + "</html>").encode(),
        document=document,
        extractor="test",
        extractor_version="1",
        captured_at=when,
        source=VersionSource.FETCH,
    )


def add(store: VersionStore, url: str, versions: list[Document], start: datetime) -> int:
    article = store.add_article(url, initial_state(SchedulePolicy(), start), start)
    for number, document in enumerate(versions):
        store.add_capture(article.id, capture(document, start + timedelta(hours=number * 2)))
    return article.id


def populate(store: VersionStore) -> dict[str, int]:
    """Three articles: a changed storm story, a changed ferry story, an unchanged one."""
    ids = {}
    ids["storm"] = add(
        store,
        "https://www.harbour-courier.example/news/storm",
        [
            Document(STORM_TITLE, STORM, byline="Jonas Eberly"),
            Document("Storm kills at least nine in coastal towns", STORM_V2, byline="Jonas Eberly"),
        ],
        T0,
    )
    ids["ferry"] = add(
        store,
        "https://island-times.example/ferry-timetable",
        [Document(FERRY_TITLE, FERRY), Document(FERRY_TITLE, FERRY_V2)],
        T0 - timedelta(days=2),
    )
    ids["bakery"] = add(
        store,
        "https://www.harbour-courier.example/life/bakery",
        [Document("Local bakery wins national award", BAKERY)],
        T0 - timedelta(days=1),
    )
    return ids
