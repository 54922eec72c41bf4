"""Bounded content decoding and content-type checks.

We decompress the raw stream ourselves, a bounded slice at a time, so a
compression bomb (a few kB that inflate to gigabytes) is stopped as soon as
the output passes the cap, before the memory is spent.
"""

from __future__ import annotations

import zlib
from typing import Protocol

import brotli

from newsdiff_gui.core.sniff import identify

# Output produced per decompression step: small enough that a bomb never
# allocates much more than the cap, large enough to keep the loop cheap.
STEP_OUTPUT = 256 * 1024

HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Servers mislabel HTML as these often enough that refusing them would lose articles;
# the bytes are then sniffed like an unlabelled response.
SNIFFED_TYPES = {"", "text/plain", "application/octet-stream", "binary/octet-stream"}
# What a followed feed may be labelled (RSS, Atom, RDF, JSON Feed), for `accept_feeds` requests.
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
}
FEED_ACCEPT = (
    b"application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9,"
    b" text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.1"
)


class BodyTooLarge(Exception):
    pass


class Decoder(Protocol):
    def feed(self, data: bytes, budget: int) -> bytes: ...


class IdentityDecoder:
    def feed(self, data: bytes, budget: int) -> bytes:
        if len(data) > budget:
            raise BodyTooLarge
        return data


class ZlibDecoder:
    """gzip (possibly several members) or deflate (zlib-wrapped or raw)."""

    def __init__(self, gzip: bool) -> None:
        self._gzip = gzip
        self._wbits = 16 + zlib.MAX_WBITS if gzip else zlib.MAX_WBITS
        self._decompressor = zlib.decompressobj(self._wbits)
        self._first = True

    def feed(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        pending = data
        while pending:
            try:
                chunk = self._decompressor.decompress(pending, STEP_OUTPUT)
            except zlib.error:
                if self._first and not self._gzip and self._wbits > 0:
                    # Some servers send raw deflate without the zlib header.
                    self._wbits = -zlib.MAX_WBITS
                    self._decompressor = zlib.decompressobj(self._wbits)
                    continue
                raise
            self._first = False
            out += chunk
            if len(out) > budget:
                raise BodyTooLarge
            if self._decompressor.eof:
                # The stream ended; what follows may be another gzip member (concatenated
                # members are one body). Once at eof, the object must not be fed again.
                pending = self._decompressor.unused_data
                self._decompressor = zlib.decompressobj(self._wbits)
            else:
                pending = self._decompressor.unconsumed_tail
        return bytes(out)


class BrotliDecoder:
    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def feed(self, data: bytes, budget: int) -> bytes:
        out = bytearray(self._decompressor.process(data, output_buffer_limit=STEP_OUTPUT))
        while not self._decompressor.can_accept_more_data():
            if len(out) > budget:
                raise BodyTooLarge
            out += self._decompressor.process(b"", output_buffer_limit=STEP_OUTPUT)
        if len(out) > budget:
            raise BodyTooLarge
        return bytes(out)


class UnsupportedEncoding(Exception):
    pass


def decoder_for(content_encoding: str | None) -> Decoder:
    encodings = [e.strip().lower() for e in (content_encoding or "").split(",") if e.strip()]
    encodings = [e for e in encodings if e != "identity"]
    if not encodings:
        return IdentityDecoder()
    if len(encodings) > 1:
        raise UnsupportedEncoding(
            f"stacked content encodings are not accepted ({content_encoding})"
        )
    name = encodings[0]
    if name in {"gzip", "x-gzip"}:
        return ZlibDecoder(gzip=True)
    if name == "deflate":
        return ZlibDecoder(gzip=False)
    if name == "br":
        return BrotliDecoder()
    raise UnsupportedEncoding(f"unsupported content encoding {name!r}")


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def looks_like_html(head: bytes) -> bool:
    """WHATWG-style sniff of the first bytes: markup, not a binary format."""
    sample = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"\0" in head[:1024] or identify(head) is not None:
        return False
    markers = (
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<article",
        b"<p",
        b"<div",
        b"<!--",
    )
    return sample.startswith(markers) or b"<html" in head[:4096].lower()


def is_binary(head: bytes) -> bool:
    """Bytes no web page would start with: a known file format, NULs, control characters."""
    return binary_kind(head) is not None


def binary_kind(head: bytes) -> str | None:
    """What the body is when it is not a page ("a PDF document", "binary data"), else None.

    A known format is refused even under a text/html label: a small PDF is mostly
    ASCII and would otherwise be parsed, and stored, as an article of PDF syntax.
    """
    kind = identify(head)
    if kind is not None:
        return kind
    sample = head[:1024]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\0" in sample or controls > len(sample) // 20:
        return "binary data"
    return None


def not_html_message(head: bytes, content_type: str | None) -> str:
    """The refusal shown for a body that is not a page, naming what it is."""
    shown = media_type(content_type) or "no content type"
    return f"Not an HTML page ({binary_kind(head) or 'no HTML markup'}, sent as {shown})"


def looks_like_feed(head: bytes) -> bool:
    """An XML document or a JSON object: what an unlabelled feed starts with."""
    sample = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = sample.lower()
    return sample.startswith(b"{") or lowered.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))
