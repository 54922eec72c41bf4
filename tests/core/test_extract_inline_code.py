"""Inline code inside a sentence is the sentence's text, not a block of its own.

A technical post names addresses, commands and settings in `<code>` inside its
paragraphs. Read as blocks of their own, the paragraph was cut around them and a
bare value ("10.0.1.40") was stored apart, where the fingerprint sets numbers
aside as a date line: changing it made no version.
"""

from __future__ import annotations

from newsdiff_gui.core.extract import extract_document
from newsdiff_gui.core.store.version_store import content_hash
from tests.support.pages import article_page

_TITLE = "Setting up a local DNS server for the harbour office"
_SENTENCE = (
    "The office router hands out VALUE_SLOT as the only name server, so every "
    "laptop asks the new server first and the old one is never consulted again."
)
_PARAGRAPHS = (
    "The harbour office moved its name resolution to a small server in the back room "
    "this spring, after the old provider's service failed twice during the storm season.",
    _SENTENCE,
    "Names for the office printers and the tide gauge now resolve locally, and the "
    "server forwards everything else to two public resolvers chosen for their privacy terms.",
    "The whole setup took an afternoon, most of it spent writing down which device "
    "used which address before anything was changed on the network itself.",
)


def _page(value: str) -> str:
    return article_page(_TITLE, _PARAGRAPHS).replace("VALUE_SLOT", f"<code>{value}</code>")


def test_a_paragraph_with_inline_code_is_kept_whole() -> None:
    document = extract_document(_page("10.0.1.40"))
    assert _SENTENCE.replace("VALUE_SLOT", "10.0.1.40") in document.paragraphs


def test_a_changed_value_in_inline_code_makes_a_new_version() -> None:
    before = extract_document(_page("10.0.1.40"))
    after = extract_document(_page("10.0.1.41"))
    assert content_hash(before) != content_hash(after)
