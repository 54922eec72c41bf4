"""Counts in words: "1 row", "2 rows". Qt-free, so the app, the reports and the CLI agree.

A count shown with a noun that does not agree ("1 rows", "1 stored versions") reads
as a bug to the person checking an article, and "change(s)" makes them decode it.
"""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`count` with its noun: (1, "row") → "1 row", (2, "row") → "2 rows".

    The last word of a phrase takes the ending ("2 stored versions"); irregular
    plurals and phrases that change elsewhere are passed whole as `plural_form`.
    """
    return f"{count} {noun(count, singular, plural_form)}"


def noun(count: int, singular: str, plural_form: str | None = None) -> str:
    """The noun alone, in the form `count` asks for (English: only 1 is singular)."""
    if count == 1:
        return singular
    if plural_form is not None:
        return plural_form
    if singular.endswith(("s", "x", "ch", "sh")):
        return singular + "es"
    return singular + "s"
