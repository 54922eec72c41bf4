"""How extraction tells that two texts are the same block of a page.

Letters and digits only, case-folded: the same words match whatever spacing,
punctuation or markup split them (a block as the engine joined it, the page
element it was read from, a paragraph as stored).
"""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[\W_]+")


def text_key(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())
