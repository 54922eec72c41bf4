"""The extracted article: the unit every other layer works on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class SetAside:
    """A block of the page kept out of the article's text, with the reason a reader sees."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read off one page: its own text blocks in reading order.

    Dates are ISO 8601 strings as the page states them (or None); they are
    metadata, not compared text. `extraction_warning` says why part of the
    page's text could not be read (None when all of it was); it is not part of
    the article's text either, and makes the stored version suspect.
    `other_titles` are headlines the page states elsewhere (structured data,
    `<title>`) that differ from the visible `title`; metadata, not compared.
    `set_aside` are blocks the page printed among the article's paragraphs that
    were judged the outlet's furniture (see `core/extract/outlet.py`); kept so a
    reader can see what was left out and why, never compared.
    """

    title: str
    paragraphs: tuple[str, ...]
    byline: str | None = None
    published: str | None = None
    modified: str | None = None
    dek: str | None = None
    extraction_warning: str | None = None
    other_titles: tuple[str, ...] = ()
    set_aside: tuple[SetAside, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": self.title,
            "byline": self.byline,
            "published": self.published,
            "modified": self.modified,
            "dek": self.dek,
            "paragraphs": list(self.paragraphs),
        }
        if self.extraction_warning is not None:  # absent when all was read: JSON unchanged
            data["extraction_warning"] = self.extraction_warning
        if self.other_titles:  # absent when the page states one headline: JSON unchanged
            data["other_titles"] = list(self.other_titles)
        if self.set_aside:  # absent when nothing was set aside: JSON unchanged
            data["set_aside"] = [{"text": s.text, "reason": s.reason} for s in self.set_aside]
        return data

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> Document:
        """Build a document from JSON; raises ValueError on a malformed object."""
        if not isinstance(data, dict):
            raise ValueError("a document must be a JSON object")
        title = data.get("title") or ""
        paragraphs = data.get("paragraphs")
        if not isinstance(title, str):
            raise ValueError("'title' must be a string")
        if not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs):
            raise ValueError("'paragraphs' must be a list of strings")

        def optional(key: str) -> str | None:
            value = data.get(key)
            if value is None or isinstance(value, str):
                return value
            raise ValueError(f"'{key}' must be a string or null")

        other_titles = data.get("other_titles") or []
        if not isinstance(other_titles, list) or not all(isinstance(t, str) for t in other_titles):
            raise ValueError("'other_titles' must be a list of strings")
        return cls(
            title=title,
            paragraphs=tuple(paragraphs),
            byline=optional("byline"),
            published=optional("published"),
            modified=optional("modified"),
            dek=optional("dek"),
            extraction_warning=optional("extraction_warning"),
            other_titles=tuple(other_titles),
            set_aside=_set_aside_from_json(data.get("set_aside") or []),
        )

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def _set_aside_from_json(items: Any) -> tuple[SetAside, ...]:
    if not isinstance(items, list) or not all(
        isinstance(item, dict)
        and isinstance(item.get("text"), str)
        and isinstance(item.get("reason"), str)
        for item in items
    ):
        raise ValueError("'set_aside' must be a list of {text, reason} objects")
    return tuple(SetAside(item["text"], item["reason"]) for item in items)
