"""Which addresses can be tracked, in the form we store, show and contact.

An article URL is an absolute http(s) URL with a host. Its canonical form is what
the fetcher will contact and what every list shows: the host as the network sees
it (an IDN in punycode, an IPv4 address in any of the forms browsers and
`inet_aton` accept as its dotted quad, an IPv6 address compressed), and the path
and query with every non-ASCII and control character percent-encoded, so no
bidirectional control (U+202E) can make a stored address read as another.

Link-local addresses (169.254.0.0/16, fe80::/10) are refused: they reach the
machine's own network link, where cloud metadata services answer, never a news
site. Loopback and private ranges stay allowed: a desktop user may watch a page
on their own machine or on the office intranet.
"""

from __future__ import annotations

import ipaddress
import string
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import idna

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_LINK_LOCAL_V4 = ipaddress.IPv4Network("169.254.0.0/16")
_LINK_LOCAL_V6 = ipaddress.IPv6Network("fe80::/10")
# The NAT64 well-known prefix: on a NAT64 network 64:ff9b::a9fe:a9fe is 169.254.169.254.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_HOST_CHARACTERS = frozenset(string.ascii_lowercase + string.digits + "-._")
# Longer runs of digits are no IPv4 number; int() of thousands of digits is slow or refused.
_MAX_NUMBER_DIGITS = 40


class InvalidURL(ValueError):
    """The text is not an http(s) address we can fetch."""


def validate_article_url(text: str) -> str:
    """The URL in canonical form (see the module docstring) or InvalidURL in words."""
    candidate = text.strip()
    if not candidate:
        raise InvalidURL("the URL is empty")
    if any(ch.isspace() for ch in candidate):
        # Checked first: urlsplit silently drops tabs and line breaks.
        raise InvalidURL(f"the URL contains spaces or line breaks: {candidate!r}")
    try:
        parts = urlsplit(candidate)
        port = parts.port  # raises ValueError on a malformed or out-of-range port
    except ValueError as exc:
        raise InvalidURL(f"not a valid URL: {candidate!r} ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise InvalidURL(f"only http and https URLs can be tracked ({shown} in {candidate!r})")
    if not parts.hostname:
        raise InvalidURL(f"the URL has no host: {candidate!r}")
    if parts.username is not None or parts.password is not None:
        raise InvalidURL("URLs with a user name or password are not tracked")
    netloc = canonical_host(parts.hostname)
    if ":" in netloc:  # IPv6 literal
        netloc = f"[{netloc}]"
    if port is not None:
        netloc = f"{netloc}:{port}"
    path = _percent_encode_unsafe(parts.path or "/")
    return urlunsplit((scheme, netloc, path, _percent_encode_unsafe(parts.query), ""))


def displayed_url(url: str) -> str:
    """A stored URL as lists show it: its canonical form, so an address stored before
    these rules (with a raw U+202E, say) shows as it is contacted now; one that is no
    longer valid has its non-printable characters percent-encoded instead."""
    try:
        return validate_article_url(url)
    except InvalidURL:
        return "".join(ch if ch.isprintable() else quote(ch, safe="") for ch in url)


def canonical_host(host: str) -> str:
    """The host as it will be contacted, or InvalidURL (also for a link-local address)."""
    try:
        # Browsers percent-decode the host before anything else ("%31%36%39.254…").
        decoded = unquote(host, errors="strict").lower()
    except UnicodeDecodeError as exc:
        raise InvalidURL(f"the host {host!r} is not valid text") from exc
    if decoded.startswith("[") or ":" in decoded:
        address: IPAddress = _ipv6(decoded)
        _refuse_link_local(address, host)
        return address.compressed
    ascii_host = _to_ascii(decoded)
    if _ends_in_number(ascii_host):
        ipv4 = _parse_ipv4(ascii_host)
        if ipv4 is None:
            raise InvalidURL(
                f"{host!r} is not a valid IPv4 address (a host ending in a number is one)"
            )
        _refuse_link_local(ipv4, host)
        return str(ipv4)
    return ascii_host


_LINK_LOCAL_V4_WHY = (
    "a link-local address (169.254.0.0/16), where cloud metadata services answer, never a news site"
)


def refusal_reason(address: IPAddress) -> str | None:
    """Why the fetcher never contacts this address (a phrase), or None when it may.

    Callers make the sentence: "169.254.169.254 is <reason>; it is not fetched".
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address in _LINK_LOCAL_V6:
            return (
                "a link-local address (fe80::/10), which reaches only this computer's "
                "own network link, never a news site"
            )
        embedded = address.ipv4_mapped
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and embedded in _LINK_LOCAL_V4:
            return f"a form of {embedded}, {_LINK_LOCAL_V4_WHY}"
        return None
    return _LINK_LOCAL_V4_WHY if address in _LINK_LOCAL_V4 else None


def _refuse_link_local(address: IPAddress, written: str) -> None:
    reason = refusal_reason(address)
    if reason is None:
        return
    canonical = str(address)
    if written.strip("[]").lower() == canonical:
        raise InvalidURL(f"{canonical} is {reason}; it is not fetched")
    # Say what an odd form ("0xa9fea9fe") stands for.
    raise InvalidURL(f"{written!r} is {canonical}, {reason}; it is not fetched")


def _ipv6(host: str) -> ipaddress.IPv6Address:
    literal = host.strip("[]").split("%", 1)[0]  # a zone id only makes sense for link-local
    try:
        address = ipaddress.IPv6Address(literal)
    except ValueError as exc:
        raise InvalidURL(f"{host!r} is not a valid IPv6 address") from exc
    if "%" in host and address not in _LINK_LOCAL_V6:
        raise InvalidURL(f"{host!r}: a zone id is only valid on a link-local address")
    return address


def _to_ascii(host: str) -> str:
    try:
        if host.isascii():
            ascii_host = host
            if any(label.startswith("xn--") for label in host.split(".")):
                # Punycode must decode to a valid IDN: httpx checks it and raises otherwise.
                idna.decode(host)
        else:
            # UTS #46 as browsers apply it: full-width digits and letters fold to ASCII.
            ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as exc:
        raise InvalidURL(
            f"the host {host!r} is not a valid internationalised domain name ({exc})"
        ) from exc
    if not ascii_host.strip(".") or not set(ascii_host) <= _HOST_CHARACTERS:
        raise InvalidURL(f"the host {host!r} holds characters no host name can hold")
    return ascii_host


def _labels(host: str) -> list[str]:
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()  # a trailing dot: "127.0.0.1." is still an address
    return labels


def _ipv4_number(text: str) -> int | None:
    """One part of an IPv4 address as `inet_aton` and the WHATWG URL parser read it."""
    if text[:2] in {"0x", "0X"}:
        digits, base, allowed = text[2:], 16, string.hexdigits
    elif len(text) > 1 and text.startswith("0"):
        digits, base, allowed = text[1:], 8, string.octdigits
    else:
        digits, base, allowed = text, 10, string.digits
    if not digits:
        return 0 if base != 10 else None
    if len(digits) > _MAX_NUMBER_DIGITS or not set(digits) <= set(allowed):
        return None
    return int(digits, base)


def _ends_in_number(host: str) -> bool:
    """WHATWG: a host whose last label is a number is an IPv4 address (or invalid)."""
    last = _labels(host)[-1]
    return bool(last) and (last.isdigit() or _ipv4_number(last) is not None)


def _parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """'0xa9fea9fe', '2852039166', '0251.0376.0251.0376', '169.254.43518' → the address."""
    labels = _labels(host)
    if len(labels) > 4:
        return None
    numbers = [_ipv4_number(label) for label in labels]
    if any(n is None for n in numbers):
        return None
    values = [n for n in numbers if n is not None]
    *leading, last = values
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(values)):
        return None
    value = last + sum(n << (8 * (3 - i)) for i, n in enumerate(leading))
    return ipaddress.IPv4Address(value)


def _percent_encode_unsafe(text: str) -> str:
    """Percent-encode (as UTF-8) every character that is not printable ASCII.

    Existing escapes are kept as they are, so a canonical URL is its own canonical form.
    """
    out = []
    for ch in text:
        if "!" <= ch <= "~":
            out.append(ch)
            continue
        try:
            # A command-line argument holding undecodable bytes carries them as lone
            # surrogates (surrogateescape); they go back to the bytes they were.
            raw = ch.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError as exc:
            raise InvalidURL(f"the URL holds a character that is not text ({ch!r})") from exc
        out.append("".join(f"%{byte:02X}" for byte in raw))
    return "".join(out)
