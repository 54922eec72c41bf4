"""Turn page bytes into text with the right character set.

Order of trust, as browsers do it: a byte-order mark, then the HTTP header's
charset, then a `<meta charset>` / `<meta http-equiv>` in the first bytes, then
statistical detection. Labels are mapped the WHATWG way where it matters:
pages that say ISO-8859-1 or ASCII are decoded as windows-1252.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

_META_SCAN_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG Encoding Standard: these labels mean windows-1252 on the web.
_WEB_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "l1": "windows-1252",
    "ascii": "windows-1252",
    "us-ascii": "windows-1252",
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
    "windows-31j": "cp932",
    "gb2312": "gbk",
}


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str
    source: str  # "bom", "header", "meta", "detected" or "fallback"


def _known_codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The `charset=` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def decode_html(body: bytes, declared: str | None = None) -> DecodedPage:
    """Decode page bytes; `declared` is the HTTP header's charset, if any.

    Never raises for bad bytes: undecodable sequences become U+FFFD, as in a browser.
    """
    for bom, name in _BOMS:
        if body.startswith(bom):
            return DecodedPage(body[len(bom) :].decode(name, errors="replace"), name, "bom")
    header_codec = _known_codec(declared)
    if header_codec and _decodes_cleanly(body, header_codec):
        return DecodedPage(body.decode(header_codec, errors="replace"), header_codec, "header")
    match = _META_CHARSET.search(body[:_META_SCAN_BYTES])
    meta_codec = _known_codec(match.group(1).decode("ascii", "ignore")) if match else None
    if meta_codec and meta_codec.startswith("utf-16"):
        meta_codec = "utf-8"  # a meta tag readable as ASCII cannot be UTF-16 (WHATWG)
    if meta_codec and _decodes_cleanly(body, meta_codec):
        return DecodedPage(body.decode(meta_codec, errors="replace"), meta_codec, "meta")
    if _decodes_cleanly(body, "utf-8"):
        return DecodedPage(body.decode("utf-8"), "utf-8", "detected")
    detected = _detect(body)
    if detected:
        return DecodedPage(body.decode(detected, errors="replace"), detected, "detected")
    # A declared label that did not decode cleanly is still a better guess than nothing.
    fallback = header_codec or meta_codec or "windows-1252"
    return DecodedPage(body.decode(fallback, errors="replace"), fallback, "fallback")


def _detect(body: bytes) -> str | None:
    matches = list(charset_normalizer.from_bytes(body[:200_000]))
    if not matches:
        return None
    best = matches[0]
    # Single-byte Western texts fit several code pages equally well; an unlabelled
    # page is windows-1252 far more often than cp775 or cp1250 (it is what browsers
    # assume), so it wins whenever it explains the bytes as cleanly as the best.
    for match in matches:
        if match.encoding == "cp1252" and match.percent_chaos <= best.percent_chaos:
            return "cp1252"
    return _known_codec(best.encoding)


def _decodes_cleanly(body: bytes, codec: str) -> bool:
    try:
        body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
