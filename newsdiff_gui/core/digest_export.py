"""The digest written to files: one HTML page (with its diffs beside it) or JSON.

The HTML page is self-contained, like an export (no script, no fetched asset),
and links each change to its full diff, written as an ordinary HTML export into
the folder `<digest name>_diffs/` next to it: a reader who opens the page from
a disk, a mail attachment's folder or a USB stick can open every diff without
the store or a network. The app's File → Export → Digest… writes the same files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from newsdiff_gui.core.digest import DigestItem
from newsdiff_gui.core.lifecycle import EventKind
from newsdiff_gui.core.report import ReportOptions
from newsdiff_gui.core.report.export import stored_report, write_atomically, write_html
from newsdiff_gui.core.store import VersionStore
from newsdiff_gui.core.timeutil import to_iso
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.core.words import plural

# Each kind's mark, said with its label wherever events are listed (never colour alone).
EVENT_MARKS = {
    EventKind.FIRST_SEEN: "★",
    EventKind.CHANGED: "✎",
    EventKind.HEADLINE_CHANGED: "H",
    EventKind.GONE: "✕",
    EventKind.BACK: "↺",
    EventKind.REDIRECTED: "→",
    EventKind.REVERTED: "↶",
}
_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto;
  padding: 0 1rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; } .muted { color: #595959; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid #ccc; overflow-wrap: anywhere; }
td.kind { white-space: nowrap; font-weight: 600; } td.when { white-space: nowrap; }
tr.gone td.kind, tr.reverted td.kind { color: #a33a00; }
.mark { display: inline-block; min-width: 1.2em; text-align: center; }
"""


@dataclass(frozen=True, slots=True)
class DigestPeriod:
    since: datetime
    until: datetime


def digest_json(items: list[DigestItem], period: DigestPeriod) -> dict[str, Any]:
    return {
        "since": to_iso(period.since),
        "until": to_iso(period.until),
        "items": [_item_json(item) for item in items],
    }


def _item_json(item: DigestItem) -> dict[str, Any]:
    event = item.event
    return {
        "at": to_iso(event.at),
        "article": item.article.id,
        "title": item.article.title,
        "url": item.article.url,
        "kind": event.kind.value,
        "version": event.version,
        "detail": event.detail,
        "summary": item.summary,
        "compare": {"from": item.compare[0], "to": item.compare[1]} if item.compare else None,
    }


def write_digest_json(items: list[DigestItem], period: DigestPeriod, out: Path) -> None:
    text = json.dumps(digest_json(items, period), ensure_ascii=False, indent=2) + "\n"
    write_atomically(out, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def diff_folder(out: Path) -> Path:
    return out.with_name(f"{out.stem}_diffs")


def write_digest_html(
    store: VersionStore, items: list[DigestItem], period: DigestPeriod, out: Path
) -> int:
    """Write the page and one diff per change; returns how many diffs were written."""
    out = out.expanduser()
    folder = diff_folder(out)
    links: dict[int, str] = {}
    written: set[str] = set()
    for item in items:
        if item.compare is None:
            continue
        old, new = item.compare
        name = f"article-{item.article.id}-v{old}-v{new}.html"
        if name not in written:
            folder.mkdir(parents=True, exist_ok=True)
            report = stored_report(store, item.article.id, old, new, ReportOptions(), period.until)
            write_html(report, folder / name)
            written.add(name)
        links[item.event.id] = f"{folder.name}/{name}"
    page = digest_html(items, period, links)
    write_atomically(out, lambda temporary: temporary.write_text(page, encoding="utf-8"))
    return len(written)


def digest_html(items: list[DigestItem], period: DigestPeriod, links: dict[int, str]) -> str:
    rows = "\n".join(_row_html(item, links.get(item.event.id)) for item in items)
    articles = len({item.article.id for item in items})
    heading = (
        f"{plural(len(items), 'event')} on {plural(articles, 'article')}"
        if items
        else "Nothing changed in this period."
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Digest of changes since {escape(to_iso(period.since))}</title>
<style>{_STYLE}</style></head><body>
<h1>What changed from {_shown(period.since)} to {_shown(period.until)} (UTC)</h1>
<p class="muted">{escape(heading)}; newest first. Each change links to its full diff.</p>
<table><thead><tr><th>When (UTC)</th><th>Event</th><th>Article</th><th>What</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""


def _shown(moment: datetime) -> str:
    """'2026-03-10 18:20': a time as the page shows it (its heading says UTC)."""
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M}"


def _row_html(item: DigestItem, link: str | None) -> str:
    kind = item.event.kind
    title = visible_text(item.article.title) or item.article.url
    version = f" (version {item.event.version})" if item.event.version else ""
    diff = f' <a href="{escape(link)}">full diff</a>' if link else ""
    return (
        f'<tr class="{kind.value}"><td class="when">{_shown(item.event.at)}</td>'
        f'<td class="kind"><span class="mark" aria-hidden="true">{EVENT_MARKS[kind]}</span> '
        f"{escape(item.label)}</td>"
        f'<td><a href="{escape(item.article.url)}">{escape(title)}</a></td>'
        f"<td>{escape(visible_text(item.summary))}{escape(version)}{diff}</td></tr>"
    )
