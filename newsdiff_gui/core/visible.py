"""Text as it is displayed: characters that act unseen are replaced by visible markers.

An article's text may hold characters that draw nothing but change what a reader
sees or what a machine compares. `normalize.clean_text` folds those that carry no
meaning; the ones left are shown here, so that what the panes, the reports and the
terminal show is what the text *is*:

* bidirectional controls as their abbreviation: ⟨RLO⟩, ⟨PDF⟩, ⟨LRI⟩, ⟨RLM⟩, ...
  A paragraph that changed "12" to U+202E "21" U+202C reads "⟨RLO⟩21⟨PDF⟩",
  not "12" (which is what the override makes a browser draw);
* other invisible format characters, control characters and lone surrogates as
  ⟨U+XXXX⟩.

The control is replaced, never kept next to its marker, so it cannot act: an
override or embedding that is gone reorders nothing, and the surrounding text
keeps its logical order. Markers hold no control character of their own (plain
text has no way to isolate a run without one), so they read the same in a
terminal, a PDF and a text pane, and `visible_text` is idempotent. The HTML
renderers wrap each marker in `<bdi>` (see `visible_html`), isolating it.

Only display goes through here. Stored documents, diff tokens and every JSON
output keep the true characters: tokens must rebuild the text (DESIGN.md
invariant 3) and a machine reader needs what was published.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from html import escape

from newsdiff_gui.core.document import Document
from newsdiff_gui.core.normalize import PRINTABLE_IGNORABLE, PRINTABLE_IGNORABLES

# The bidirectional formatting characters of UAX #9 (the explicit embeddings,
# overrides and isolates, and the implicit marks), by their usual abbreviations.
BIDI_CONTROLS: dict[str, str] = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
}
_BY_ABBREVIATION = {name: char for char, name in BIDI_CONTROLS.items()}
# Shown as themselves: line breaks join the paragraphs of a row and a tab is
# whitespace; the joiners (ZWJ, ZWNJ) shape emoji sequences and Indic or Persian
# words, and a soft hyphen is a line-breaking hint. (`clean_text` folds the last
# three for comparison; in text that was never cleaned they do what they should.)
_LAYOUT_CONTROLS = frozenset("\n\t\u200c\u200d\u00ad")
# What a marker looks like; `visible_html` finds markers in text already made visible.
_MARKER = re.compile("⟨(?:" + "|".join(_BY_ABBREVIATION) + r"|U\+(?:10|[0-9A-F])?[0-9A-F]{4})⟩")


@functools.lru_cache(maxsize=4096)
def marker_for(char: str) -> str | None:
    """The marker shown instead of `char`, or None when it is shown as itself."""
    if char in BIDI_CONTROLS:
        return f"⟨{BIDI_CONTROLS[char]}⟩"
    if char in _LAYOUT_CONTROLS:
        return None
    category = unicodedata.category(char)
    hidden = (
        category in ("Cc", "Cs")
        # Format characters that render as nothing (bidi class BN). Other format
        # characters draw a sign of their own (U+0600 ARABIC NUMBER SIGN, ...).
        or (category == "Cf" and unicodedata.bidirectional(char) == "BN")
        # Default-ignorable characters that Python calls printable (see normalize.py):
        # `clean_text` folds them, but text that was never cleaned may still hold them.
        or char in PRINTABLE_IGNORABLES
    )
    return f"⟨U+{ord(char):04X}⟩" if hidden else None


def _hidden_in(text: str) -> dict[str, str]:
    """The distinct hidden characters of `text`, each with its marker."""
    # Fast path: printable text holds no control or format character (whitespace
    # other than " " is not printable either, so text with line breaks is looked at).
    if text.isprintable() and (text.isascii() or not PRINTABLE_IGNORABLE.search(text)):
        return {}
    # Distinct characters only: linear in the text, classified a few hundred times.
    found = {}
    for char in set(text):
        marker = marker_for(char)
        if marker is not None:
            found[char] = marker
    return found


def has_hidden_characters(text: str) -> bool:
    """True if `text` would be displayed with markers."""
    return bool(_hidden_in(text))


def document_has_hidden_characters(document: Document) -> bool:
    """True if any text of the document a reader sees holds hidden characters."""
    texts = (document.title, document.byline or "", document.dek or "", *document.paragraphs)
    return any(has_hidden_characters(text) for text in texts)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of displayed text: article text, or one marker standing for `hidden`."""

    text: str
    hidden: str | None = None  # the character the marker replaces

    @property
    def description(self) -> str:
        """'U+202E RIGHT-TO-LEFT OVERRIDE' for a marker, '' for text."""
        if self.hidden is None:
            return ""
        return describe(self.hidden)


def describe(char: str) -> str:
    """A hidden character's code point and Unicode name, for tooltips and titles."""
    kind = "control character" if unicodedata.category(char) == "Cc" else "unnamed character"
    name = unicodedata.name(char, "") or kind
    return f"U+{ord(char):04X} {name}"


def visible_segments(text: str) -> list[Segment]:
    """`text` cut into article text and markers, in order (what a pane paints)."""
    found = _hidden_in(text)
    if not found:
        return [Segment(text)] if text else []
    pattern = re.compile("[" + "".join(re.escape(char) for char in found) + "]")
    segments = []
    start = 0
    for match in pattern.finditer(text):
        if match.start() > start:
            segments.append(Segment(text[start : match.start()]))
        segments.append(Segment(found[match.group()], match.group()))
        start = match.end()
    if start < len(text):
        segments.append(Segment(text[start:]))
    return segments


def visible_text(text: str) -> str:
    """`text` with every hidden character replaced by its marker."""
    found = _hidden_in(text)
    if not found:
        return text
    return text.translate({ord(char): marker for char, marker in found.items()})


def _marker_html(match: re.Match[str]) -> str:
    marker = match.group()
    inner = marker[1:-1]
    char = _BY_ABBREVIATION.get(inner) or chr(int(inner[2:], 16))
    return f'<bdi class="hidden-char" title="{escape(describe(char))}">{escape(marker)}</bdi>'


def visible_html(text: str) -> str:
    """`text` made visible and escaped for HTML, each marker an isolated `<bdi>`.

    Markers are found by their form, so text that a `Report` already made visible
    gets the same markup. (An article that literally prints "⟨RLO⟩" gets it too,
    which shows exactly what it printed.)
    """
    shown = escape(visible_text(text))
    if "⟨" not in shown:
        return shown
    return _MARKER.sub(_marker_html, shown)


# Style for `visible_html`'s markers: they must not pass for article text.
MARKER_CSS = """
.hidden-char { font: 600 .78em/1 ui-monospace, monospace; padding: 0 .15em;
  border: 1px dashed currentColor; border-radius: 3px; white-space: nowrap; }
"""
