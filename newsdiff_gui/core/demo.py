"""The bundled demo history (`resources/demo/*.json`): fictional articles, several versions each.

Each file holds one article: its URL and its versions as documents with a
capture time. Loading writes them as ordinary versions (extractor "demo", the
raw HTML rebuilt from the text) so every part of the app works on them. The
demo articles are never due for a check: their addresses are fictional.
"""

from __future__ import annotations

import json
from datetime import timedelta
from html import escape
from pathlib import Path
from typing import Any

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.schedule import ScheduleState
from newsdiff_gui.core.store import Capture, VersionSource, VersionStore
from newsdiff_gui.core.timeutil import from_iso
from newsdiff_gui.resources_path import RESOURCES

DEMO = RESOURCES / "demo"
EXTRACTOR = "demo"


def demo_files(folder: Path = DEMO) -> list[Path]:
    return sorted(folder.glob("*.json"))


def page_html(document: Document) -> bytes:
    """A plain page holding the document, stored as the version's raw HTML."""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in document.paragraphs)
    byline = f'<p class="byline">{escape(document.byline)}</p>' if document.byline else ""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(document.title)}"
        f"</title></head><body><article><h1>{escape(document.title)}</h1>{byline}{body}"
        "</article></body></html>"
    ).encode()


def load_demo(store: VersionStore, folder: Path = DEMO) -> list[int]:
    """Add the demo articles to `store` (skipping any already there); their ids."""
    files = demo_files(folder)
    if not files:
        raise OSError(f"the demo history is not bundled in this build ({folder} has no articles)")
    ids = []
    with store.transaction():
        for path in files:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            if store.find_article(data["url"]) is not None:
                continue
            versions = data["versions"]
            first = from_iso(versions[0]["captured_at"])
            # Never due: the interval is the usual one, but no next check is planned.
            schedule = ScheduleState(check_interval=timedelta(minutes=30), next_check_at=None)
            article = store.add_article(data["url"], schedule, first)
            store.update_schedule(article.id, schedule)
            for version in versions:
                document = Document.from_json_dict(version)
                store.add_capture(
                    article.id,
                    Capture(
                        raw=page_html(document),
                        document=document,
                        extractor=EXTRACTOR,
                        extractor_version="1",
                        captured_at=from_iso(version["captured_at"]),
                        source=VersionSource.FETCH,
                        final_url=data["url"],
                        http_status=200,
                    ),
                )
            ids.append(article.id)
    return ids
