"""What one sidebar row shows: an immutable snapshot of a tracked article (no Qt)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newsdiff_gui.core.schedule import is_imported_only
from newsdiff_gui.core.store import Article
from newsdiff_gui.core.timeutil import utc_now
from newsdiff_gui.core.visible import visible_text

# The sidebar's words for an article whose live page is never contacted on its own.
IMPORTED_ONLY_TEXT = (
    "Not checked: imported only (Check now fetches the live page once; "
    "Article → Start checking the live page keeps checking it)"
)


@dataclass(frozen=True, slots=True)
class ArticleItem:
    """What one sidebar row shows."""

    id: int
    url: str
    title: str
    domain: str
    version_count: int
    last_changed_at: datetime | None
    unread_changes: int
    last_error: str | None
    active: bool
    stopped_reason: str | None
    suspect_reason: str | None = None  # the latest version looks like a broken page
    checking: bool = False
    gone: bool = False  # the story is no longer at its address (core/lifecycle.py)

    @classmethod
    def from_article(cls, article: Article) -> ArticleItem:
        suspect = None
        if article.latest_suspect is not None:
            suspect = article.latest_suspect or "the latest version looks like a broken page"
        return cls(
            id=article.id,
            url=article.url,
            title=article.title or "",
            domain=outlet_domain(article.url),
            version_count=article.version_count,
            last_changed_at=article.last_changed_at,
            unread_changes=article.unread_changes,
            last_error=article.last_error,
            active=article.active,
            stopped_reason=article.stopped_reason,
            suspect_reason=suspect,
        )

    @property
    def shown_title(self) -> str:
        # Every place the title is shown (row, tooltip, status bar, screen reader)
        # reads it here: bidi controls and hidden characters as markers.
        return visible_text(self.title) or self.url

    @property
    def imported_only(self) -> bool:
        """Stored from saved pages only: its site is not contacted until the user asks."""
        return is_imported_only(self)

    @property
    def never_worked(self) -> bool:
        """No version stored and the checks fail: no check has ever captured it."""
        return self.version_count == 0 and bool(self.last_error)

    def tooltip(self) -> str:
        # The address once: an article without a title yet is shown by its address.
        lines = [self.shown_title] if self.shown_title == self.url else [self.shown_title, self.url]
        if self.checking:
            lines.append("Checking now…")
        if self.never_worked:
            lines.append(f"Never captured: every check failed (last: {self.last_error})")
        elif self.last_error:
            lines.append(f"Last check failed: {self.last_error}")
        if self.suspect_reason:
            lines.append(f"Suspect extraction: {self.suspect_reason}")
        if self.gone:
            lines.append("Gone: the story is no longer at its address (its timeline says how)")
        if self.imported_only:
            lines.append(IMPORTED_ONLY_TEXT)
        elif not self.active:
            reason = {
                "untracked": "you stopped tracking it",
                "stable": "it stopped changing",
            }.get(self.stopped_reason or "", self.stopped_reason or "stopped")
            lines.append(f"No longer checked ({reason})")
        return "\n".join(lines)


def outlet_domain(url: str) -> str:
    """The outlet as readers name it: the host without a leading 'www.'."""
    # Read once per outlet, not per article: 10,000 articles share a few dozen
    # hosts, and urlsplit is most of what listing an article costs.
    origin = _ORIGIN.match(url)
    return _outlet_of(origin.group(0)) if origin else _outlet_of(url)


_ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


@functools.lru_cache(maxsize=1024)
def _outlet_of(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def relative_time(moment: datetime | None, now: datetime | None = None) -> str:
    """'just now', '12 min ago', '3 h ago', 'yesterday', '4 days ago', then the date."""
    if moment is None:
        return "never"
    now = now or utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return moment.astimezone().strftime("%d %b %Y")
