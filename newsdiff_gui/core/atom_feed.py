"""An Atom 1.0 file of the latest changes and events, for a feed reader (opt-in).

The user names the file once (`newsdiff feed --out PATH`, or the app's File menu);
it is kept in the store's settings and rewritten after every check that recorded
an event, whole or not at all. Entry ids are stable URNs derived from the store's
own id and the event's, so a reader never shows an entry twice.
"""

from __future__ import annotations

import logging
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from newsdiff_gui.core.digest import DigestItem, items_for
from newsdiff_gui.core.report.export import write_atomically
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import to_iso, utc_now

log = logging.getLogger(__name__)
ATOM = "http://www.w3.org/2005/Atom"
FEED_SETTING = "atom_feed_path"
STORE_ID_SETTING = "store_id"
# Entries a feed holds: a reader keeps what it has already seen.
FEED_ENTRIES = 50


def enable_feed(store: VersionStore, path: Path) -> Path:
    """Keep the feed at `path` from now on, and write it now."""
    path = path.expanduser().absolute()
    with store.transaction():
        store.events.set_setting(FEED_SETTING, str(path))
        _store_id(store)
    write_feed(store, path)
    return path


def disable_feed(store: VersionStore) -> None:
    """Stop rewriting the feed; the last file written stays for the reader."""
    store.events.set_setting(FEED_SETTING, None)


def feed_path(store: VersionStore) -> Path | None:
    value = store.events.setting(FEED_SETTING)
    return Path(value) if value else None


def refresh_feed(store: VersionStore) -> None:
    """Rewrite the feed if one is enabled. A feed that cannot be written (folder
    gone, disk full) is logged and never fails the check that triggered it."""
    path = feed_path(store)
    if path is None:
        return
    try:
        write_feed(store, path)
    except OSError as exc:
        log.warning("the Atom feed %s could not be written: %s", path, exc)


def write_feed(store: VersionStore, path: Path) -> None:
    text = feed_xml(store)
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def feed_xml(store: VersionStore) -> str:
    items = items_for(store, store.events.latest(FEED_ENTRIES))
    store_id = _store_id(store)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", store_id.urn)
    _text(feed, "title", "newsdiff: changes to tracked articles")
    _text(feed, "updated", to_iso(items[0].event.at) if items else to_iso(utc_now()))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "newsdiff")
    _text(feed, "generator", "newsdiff")
    for item in items:
        _entry(feed, item, store_id)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def _entry(feed: ET.Element, item: DigestItem, store_id: uuid.UUID) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", uuid.uuid5(store_id, f"event/{item.event.id}").urn)
    title = item.article.title or item.article.url
    _text(entry, "title", f"{item.label}: {title}")
    _text(entry, "updated", to_iso(item.event.at))
    ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": item.article.url})
    version = f" (version {item.event.version})" if item.event.version else ""
    _text(entry, "summary", f"{item.summary}{version}")


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = text


def _store_id(store: VersionStore) -> uuid.UUID:
    """This store's own id (made once): it keeps entry ids apart across stores."""
    value = store.events.setting(STORE_ID_SETTING)
    if value:
        return uuid.UUID(value)
    made = uuid.uuid4()
    store.events.set_setting(STORE_ID_SETTING, str(made))
    return made
