"""Author names, tidied into one byline string."""

from __future__ import annotations

import re

from newsdiff_gui.core.extract.stamps import strip_stamps
from newsdiff_gui.core.normalize import clean_text

_BY_PREFIX = re.compile(r"^(?:by|written by|words by|von|par|por|door|di)\s*:?\s+", re.IGNORECASE)
_MAX_NAME_CHARS = 80


def make_byline(names: tuple[str, ...]) -> str | None:
    """Distinct names joined with ", ", without "By" prefixes; None when there are none.

    Dates, reading times and counts printed with the names ("Updated November
    18, 2025") are cut off: they change on their own and are not the byline.
    """
    kept: list[str] = []
    for name in names:
        text = _BY_PREFIX.sub("", strip_stamps(clean_text(name))).strip(" ,;|")
        if not text or len(text) > _MAX_NAME_CHARS:
            continue
        if text.casefold() not in (k.casefold() for k in kept):
            kept.append(text)
    return ", ".join(kept) or None
