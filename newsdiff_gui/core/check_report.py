"""What one check (or import) found: its typed outcome and its report to the caller."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from newsdiff_gui.core.fetch import FetchOutcome
from newsdiff_gui.core.lifecycle import LifeEvent
from newsdiff_gui.core.store import StoredVersion


class CheckOutcome(enum.StrEnum):
    """What one check found; fetch failures keep the fetch layer's own values."""

    NEW_VERSION = "new_version"
    UNCHANGED = "unchanged"
    NO_ARTICLE = "no_article"
    EXTRACTION_FAILED = "extraction_failed"
    CANCELLED = "cancelled"
    # The page answered with something else than the story (core/life_judge.py).
    GONE = "gone"
    # Recording the check raised (a bug): the article gets this failed check instead.
    INTERNAL_ERROR = "internal_error"


class ImportOutcome(enum.StrEnum):
    """What importing a saved page found, as its check is recorded (and reported to the app)."""

    NEW_VERSION = "import_new_version"
    UNCHANGED = "import_unchanged"

    @classmethod
    def of(cls, outcome: Outcome) -> ImportOutcome:
        """The import's outcome for what storing its page found (an import's report)."""
        return cls.NEW_VERSION if outcome is CheckOutcome.NEW_VERSION else cls.UNCHANGED


# One check's outcome: a fetch failure keeps the fetch layer's own value.
Outcome = CheckOutcome | FetchOutcome


@dataclass(frozen=True, slots=True)
class CheckReport:
    article_id: int
    url: str
    outcome: Outcome  # of an import: what storing its page found (see ImportOutcome.of)
    message: str | None  # human-readable error, None on success
    version: StoredVersion | None  # the new version for NEW_VERSION
    http_status: int | None
    duration: float
    # The life events this check recorded (core/lifecycle.py), oldest first.
    events: tuple[LifeEvent, ...] = ()
    # Why a page that changed made no new version (core/unchanged.py); None otherwise.
    detail: str | None = None

    @property
    def failed(self) -> bool:
        return self.message is not None


# The outcomes of a check that read the article and found no change: the page's
# story unchanged, or the server saying the page had not changed (HTTP 304).
NO_CHANGE_OUTCOMES = frozenset({CheckOutcome.UNCHANGED.value, FetchOutcome.NOT_MODIFIED.value})
