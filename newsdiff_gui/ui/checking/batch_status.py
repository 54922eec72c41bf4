"""What a batch of checks found, in one sentence: "3 articles checked: 1 changed, 1 failed".

"Checks finished" told the user nothing they could act on: whether anything
changed, or failed, meant opening every article. The window feeds each finished
check (and each stored version's number, which tells a first capture from a
change) into a `BatchTally` and shows `text()` when the batch ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdiff_gui.core.capture import CheckOutcome, ImportOutcome
from newsdiff_gui.core.check_report import NO_CHANGE_OUTCOMES
from newsdiff_gui.core.fetch.result import FetchOutcome
from newsdiff_gui.core.words import plural

_CANCELLED = frozenset({CheckOutcome.CANCELLED.value, FetchOutcome.CANCELLED.value})
# Imports report through the same signal, but are not checks of a batch.
_IMPORTS = frozenset(ImportOutcome)


@dataclass(slots=True)
class BatchTally:
    changed: int = 0
    first: int = 0  # first captures: "changed" would be wrong for an article's first text
    unchanged: int = 0
    failed: int = 0
    cancelled: int = 0
    _first_versions: set[int] = field(default_factory=set)
    # Why the last unchanged check's page, which changed, made no new version.
    _why_unchanged: str = ""

    def version_added(self, article_id: int, number: int) -> None:
        if number == 1:
            self._first_versions.add(article_id)

    def check_finished(self, article_id: int, outcome: str, detail: str = "") -> None:
        if outcome in _IMPORTS:
            return
        if outcome == CheckOutcome.NEW_VERSION.value:
            if article_id in self._first_versions:
                self.first += 1
            else:
                self.changed += 1
        elif outcome in NO_CHANGE_OUTCOMES:
            self.unchanged += 1
            self._why_unchanged = detail
        elif outcome in _CANCELLED:
            self.cancelled += 1
        else:
            self.failed += 1

    @property
    def checked(self) -> int:
        return self.changed + self.first + self.unchanged + self.failed

    def text(self) -> str:
        """The batch's result, e.g. "3 articles checked, no change"."""
        if not self.checked:
            return "Checks cancelled" if self.cancelled else "Nothing to check"
        parts = []
        if self.changed:
            parts.append(f"{self.changed} changed")
        if self.first:
            parts.append(f"{self.first} captured for the first time")
        if self.failed:
            parts.append(f"{self.failed} failed")
        head = f"{plural(self.checked, 'article')} checked"
        text = f"{head}: {', '.join(parts)}" if parts else f"{head}, no change"
        if self.checked == 1 and self._why_unchanged:
            # One article checked by hand: the user is looking at it and wants to
            # know why a page that visibly changed made no version.
            text += f": {self._why_unchanged}"
        if self.cancelled:
            text += f"; {plural(self.cancelled, 'check')} cancelled"
        return text
