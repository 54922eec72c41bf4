"""A source's optional address filter (`--match`): a regular expression or a substring.

Users type both: `/politics/` and `/(politics|world)/20\\d\\d/`. A pattern with no
regular-expression metacharacters, or one that is not a valid expression (`c++`,
`?ref=`), is a plain substring; otherwise it is a regular expression searched
anywhere in the address. Either way it is case-sensitive, as paths are.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

_METACHARACTERS = frozenset("\\.^$*+?{}[]|()")


class FilterKind(enum.StrEnum):
    REGEX = "regular expression"
    SUBSTRING = "substring"


@dataclass(frozen=True, slots=True)
class UrlFilter:
    text: str
    kind: FilterKind
    _compiled: re.Pattern[str] | None = None

    @classmethod
    def parse(cls, text: str) -> UrlFilter:
        if not _METACHARACTERS.intersection(text):
            return cls(text, FilterKind.SUBSTRING)
        try:
            return cls(text, FilterKind.REGEX, re.compile(text))
        except (re.error, RecursionError, OverflowError):
            return cls(text, FilterKind.SUBSTRING)

    def matches(self, url: str) -> bool:
        if self._compiled is not None:
            return self._compiled.search(url) is not None
        return self.text in url

    def describe(self) -> str:
        return f"{self.kind.value} {self.text!r}"


def optional_filter(text: str | None) -> UrlFilter | None:
    """The filter for a stored or typed pattern; None (keep every address) when empty."""
    return UrlFilter.parse(text) if text else None
