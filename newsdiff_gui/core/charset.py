"""Turn page bytes into the text a browser would show, following the WHATWG Encoding Standard.

Order of trust, as browsers do it: a byte-order mark, then a charset label in
the HTTP header, then a `<meta>` found by the HTML standard's prescan, then,
for a page that declares nothing, UTF-8 when the bytes are (mostly) UTF-8 and
otherwise statistical detection among the encodings the standard lists for the
web. Labels are resolved with the standard's label table (`webencodings`), so
ISO-8859-1 and ASCII mean windows-1252 and no page is ever read as a DOS code
page such as cp775 or cp850.

A declared encoding wins even when the bytes are not valid in it, as in a
browser: the invalid bytes become U+FFFD (what the reader saw) and the result
says so (`mismatch`), so the version can be flagged for the reviewer.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import webencodings
from charset_normalizer.md import mess_ratio

from newsdiff_gui.core.charset_prescan import prescan_meta_label

# The standard's prescan reads this many bytes.
_PRESCAN_BYTES = 1024
# Browsers also honour a <meta> met later in the head (Firefox reloads the page,
# the standard's "change the encoding"); past this many bytes a head is not a head.
_LATE_META_BYTES = 262_144
# Detection reads a sample: enough text for the statistics, bounded in time.
_DETECTION_BYTES = 200_000
# An undeclared page with a few runs of invalid bytes (an ad, a pasted quote) and
# at least as many valid multi-byte sequences, or with twice as many valid ones
# as invalid runs, is UTF-8 with stray bytes, not a page in another encoding: a
# browser that detects UTF-8 reads it so.
_FEW_STRAY_RUNS = 3
_UTF8_VALID_PER_INVALID = 2
_NON_ASCII = re.compile("[^\x00-\x7f]")
_INVALID_RUN = re.compile("\ufffd+")
_STORED_REPLACEMENT_RUN = re.compile(b"(?:\xef\xbf\xbd)+")
_ISO_2022_JP_ESCAPE = re.compile(rb"\x1b\$[@B]")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16be"),
    (codecs.BOM_UTF16_LE, "utf-16le"),
)
# Python codecs that decode a WHATWG encoding more faithfully than the one
# `webencodings` names: the standard decodes GBK with its gb18030 decoder.
_DECODERS = {"gbk": "gb18030"}
# What detection may answer, as Python codec name -> WHATWG name: the web's
# encodings only. IBM866 and the Mac encodings are web labels too, but a
# detector choosing them for Latin or Cyrillic text is the cp775 mistake again.
_DETECTABLE = {
    "cp1250": "windows-1250",
    "cp1251": "windows-1251",
    "cp1252": "windows-1252",
    "cp1253": "windows-1253",
    "cp1254": "windows-1254",
    "cp1255": "windows-1255",
    "cp1256": "windows-1256",
    "cp1257": "windows-1257",
    "cp1258": "windows-1258",
    "cp874": "windows-874",
    "iso8859_2": "iso-8859-2",
    "iso8859_3": "iso-8859-3",
    "iso8859_4": "iso-8859-4",
    "iso8859_5": "iso-8859-5",
    "iso8859_6": "iso-8859-6",
    "iso8859_7": "iso-8859-7",
    "iso8859_8": "iso-8859-8",
    "iso8859_10": "iso-8859-10",
    "iso8859_13": "iso-8859-13",
    "iso8859_14": "iso-8859-14",
    "iso8859_15": "iso-8859-15",
    "iso8859_16": "iso-8859-16",
    "koi8_r": "koi8-r",
    "koi8_u": "koi8-u",
    "gb18030": "gb18030",
    "big5hkscs": "big5",
    "euc_jp": "euc-jp",
    "iso2022_jp": "iso-2022-jp",
    "cp932": "shift_jis",
    "cp949": "euc-kr",
    "utf_16_le": "utf-16le",
    "utf_16_be": "utf-16be",
}


def _c1_or_raise(error: UnicodeError) -> tuple[str, int]:
    """The standard's windows-125x/874 tables map unassigned 0x80-0x9F to C1 controls."""
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start]
    if 0x80 <= byte <= 0x9F:
        return chr(byte), error.start + 1
    raise error


def _c1_or_replace(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start]
    return ("\ufffd" if not 0x80 <= byte <= 0x9F else chr(byte)), error.start + 1


codecs.register_error("newsdiff-whatwg-c1", _c1_or_raise)
codecs.register_error("newsdiff-whatwg-c1-replace", _c1_or_replace)


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str  # the WHATWG name, as a browser reports it (document.characterSet)
    source: str  # "bom", "header", "meta" or "detected"
    # The page declared an encoding (BOM, header or <meta>) its bytes are not
    # valid in; they were decoded as a browser does, invalid bytes as U+FFFD.
    mismatch: bool = False


def web_encoding(label: str | None) -> webencodings.Encoding | None:
    """The encoding a label names in the WHATWG label table, or None for an unknown label."""
    if not label:
        return None
    return webencodings.lookup(label.strip().strip("\"'"))


def charset_from_content_type(content_type: str | None) -> str | None:
    """The `charset=` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _decode(body: bytes, encoding: webencodings.Encoding) -> tuple[str, bool]:
    """The text, and whether any bytes were invalid in the encoding (now U+FFFD)."""
    python_name = _DECODERS.get(encoding.name)
    decode = codecs.lookup(python_name).decode if python_name else encoding.codec_info.decode
    legacy = encoding.name.startswith("windows-")
    try:
        return decode(body, "newsdiff-whatwg-c1" if legacy else "strict")[0], False
    except UnicodeDecodeError:
        return decode(body, "newsdiff-whatwg-c1-replace" if legacy else "replace")[0], True


def _declared(body: bytes, declared: str | None) -> tuple[webencodings.Encoding, str] | None:
    """The encoding the page declares and where, in the standard's order."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return webencodings.lookup(name), "bom"
    header = web_encoding(declared)
    if header is not None:
        return header, "header"

    def known(label: str) -> bool:
        return web_encoding(label) is not None

    label = prescan_meta_label(body[:_PRESCAN_BYTES], known) or prescan_meta_label(
        body[:_LATE_META_BYTES], known, stop_at_body=True
    )
    meta = web_encoding(label)
    if meta is None:
        return None
    # A <meta> readable as ASCII cannot be UTF-16; x-user-defined in a <meta>
    # means windows-1252 (both are the standard's rules).
    if meta.name in ("utf-16be", "utf-16le"):
        meta = webencodings.lookup("utf-8")
    elif meta.name == "x-user-defined":
        meta = webencodings.lookup("windows-1252")
    return meta, "meta"


def decode_html(body: bytes, declared: str | None = None) -> DecodedPage:
    """Decode page bytes; `declared` is the HTTP header's charset label, if any.

    Never raises for bad bytes: undecodable sequences become U+FFFD, as in a browser.
    """
    found = _declared(body, declared)
    if found is not None and found[1] == "meta" and _is_utf8_text(body, found[0]):
        # A page saved or re-encoded as UTF-8 often keeps its old <meta>; bytes
        # that are valid UTF-8 with multi-byte sequences are UTF-8 (legacy text
        # practically never is), so they are read as written, and flagged.
        return DecodedPage(body.decode("utf-8"), "utf-8", "detected", mismatch=True)
    if found is not None:
        encoding, source = found
        start = len(next((bom for bom, _ in _BOMS if body.startswith(bom)), b""))
        text, mismatch = _decode(body[start:], encoding)
        return DecodedPage(text, encoding.name, source, mismatch=mismatch)
    if body.isascii() and _ISO_2022_JP_ESCAPE.search(body):
        # ISO-2022-JP is 7-bit: it passes for ASCII (and UTF-8) but for its escapes.
        text, mismatch = _decode(body, webencodings.lookup("iso-2022-jp"))
        if not mismatch:
            return DecodedPage(text, "iso-2022-jp", "detected")
    utf8 = body.decode("utf-8", errors="replace")
    if _mostly_utf8(body, utf8):
        return DecodedPage(utf8, "utf-8", "detected")
    encoding = webencodings.lookup(_detect(body) or "windows-1252")
    return DecodedPage(_decode(body, encoding)[0], encoding.name, "detected")


def _mostly_utf8(body: bytes, utf8: str) -> bool:
    """Are these bytes UTF-8, give or take a few stray ones?

    Invalid bytes are counted by runs: one pasted fragment of binary or legacy text
    is one accident however many bytes long ("caf\\xff\\xfe\\xfd" is one). Text in a
    legacy single-byte encoding almost never forms a valid multi-byte UTF-8
    sequence (it takes an "Ã" or "Â" followed by a symbol such as "©").
    """
    invalid = len(_INVALID_RUN.findall(utf8)) - len(_STORED_REPLACEMENT_RUN.findall(body))
    if invalid <= 0:
        return True
    multibyte = len(_NON_ASCII.findall(utf8)) - utf8.count("\ufffd")
    if invalid <= _FEW_STRAY_RUNS and multibyte >= invalid:
        return True
    # Double-byte legacy text (GBK, Big5, Shift_JIS) forms valid UTF-8 pairs by
    # chance, but far fewer than its invalid ones.
    return multibyte >= _UTF8_VALID_PER_INVALID * invalid


def _is_utf8_text(body: bytes, declared: webencodings.Encoding) -> bool:
    if declared.name == "utf-8" or body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(body: bytes) -> str | None:
    """The WHATWG name of the web encoding that reads the bytes best, if any does."""
    sample = body[:_DETECTION_BYTES]
    matches = charset_normalizer.from_bytes(sample, cp_isolation=list(_DETECTABLE))
    best = matches.best()
    if best is None or best.encoding not in _DETECTABLE:
        return None
    if best.encoding == "cp1252" or charset_normalizer.utils.is_multi_byte_encoding(best.encoding):
        return _DETECTABLE[best.encoding]
    # Single-byte Western texts fit several code pages equally well, and the
    # detector often ranks one that reads the same bytes alike first; an
    # unlabelled page is windows-1252 far more often (it is what browsers assume
    # for Latin text), so it wins whenever it reads the bytes as cleanly.
    western = _decode(sample, webencodings.lookup("windows-1252"))[0]
    if western == str(best) or mess_ratio(western, 1.0) * 100 <= best.percent_chaos:
        return "windows-1252"
    return _DETECTABLE[best.encoding]
