"""Dates as pages state them, normalised to ISO 8601."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

from dateutil import parser as date_parser

_PLAIN_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "+0100" offsets and a trailing "Z" are common but not all accepted by fromisoformat
# in every form; dateutil handles what the standard library does not.
_MAX_DATE_CHARS = 80
_HOUR = 3600
# Zone abbreviations news pages print; dateutil knows only UTC/GMT by itself.
# Ambiguous ones (IST: India or Ireland) are left out and read as local time.
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": _HOUR,
    "CET": _HOUR,
    "CEST": 2 * _HOUR,
    "EST": -5 * _HOUR,
    "EDT": -4 * _HOUR,
    "CST": -6 * _HOUR,
    "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR,
    "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR,
    "PDT": -7 * _HOUR,
}


def to_iso8601(value: str | None) -> str | None:
    """The date/time in ISO 8601 (offset kept when stated), or None if unreadable.

    A bare date stays a date: inventing midnight would claim a precision the page
    never stated.
    """
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > _MAX_DATE_CHARS or not any(ch.isdigit() for ch in text):
        return None
    if _PLAIN_DATE.match(text):
        try:
            return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            with warnings.catch_warnings():
                # An unknown zone name is read as local time; that is a guess we
                # accept, not something to print on every page.
                warnings.simplefilter("ignore")
                parsed = date_parser.parse(text, tzinfos=_ZONES)
        except Exception:
            # dateutil raises assorted errors (ParserError, OverflowError,
            # IndexError on odd tokens); any of them means "no readable date".
            return None
    if not 1990 <= parsed.year <= 2100:
        return None
    try:
        # dateutil accepts offsets of a day or more ("+2500"), which datetime
        # refuses to render; such a date is as unreadable as no date.
        return parsed.isoformat()
    except (ValueError, OverflowError):
        return None
