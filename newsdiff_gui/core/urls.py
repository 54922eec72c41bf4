"""Which addresses can be tracked: absolute http(s) URLs with a host."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


class InvalidURL(ValueError):
    """The text is not an http(s) address we can fetch."""


def validate_article_url(text: str) -> str:
    """The URL in canonical form (scheme/host lower-cased, fragment dropped) or InvalidURL."""
    candidate = text.strip()
    if not candidate:
        raise InvalidURL("the URL is empty")
    try:
        parts = urlsplit(candidate)
        port = parts.port  # raises ValueError on a malformed port
    except ValueError as exc:
        raise InvalidURL(f"not a valid URL: {candidate!r} ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise InvalidURL(f"only http and https URLs can be tracked ({shown} in {candidate!r})")
    if not parts.hostname:
        raise InvalidURL(f"the URL has no host: {candidate!r}")
    if any(ch.isspace() for ch in candidate):
        raise InvalidURL(f"the URL contains spaces: {candidate!r}")
    netloc = parts.hostname.lower()
    if ":" in netloc:  # IPv6 literal
        netloc = f"[{netloc}]"
    if port is not None:
        netloc = f"{netloc}:{port}"
    if parts.username or parts.password:
        raise InvalidURL("URLs with a user name or password are not tracked")
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
