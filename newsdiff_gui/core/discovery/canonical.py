"""One story, one address: the canonical form an article is tracked under.

The same story reaches us with tracking parameters (`?utm_source=…`, `fbclid`), as its
AMP copy (`/amp`, `?amp=1`, `amp.` host, `outputType=amp`) and through several sources;
each must be tracked once. On top of the fetchable form of `core/urls.py` (punycode
host, percent-encoding, no fragment), the canonical form drops the parameters that
only say who sent the reader, and the AMP markers. Nothing else is touched: a query
such as `?id=123` can be what tells one story from another, so an unknown parameter
always stays (a broader tracker list, such as courlan's, strips `id` and `ref`).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit, urlunsplit

import tld

from newsdiff_gui.core.urls import validate_article_url

# Parameters that identify a campaign, a click or a mailing, never the page.
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ocid",
        "cmpid",
        "ito",
        "xtor",
        "at_medium",
        "at_campaign",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "sr_share",
        "share",
        "smid",
        "cid_source",
    }
)
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "itm_")
# `?amp`, `?amp=1`, `?amp=true`; `outputType=amp` (Arc publishing).
_AMP_FLAGS = {("amp", ""), ("amp", "1"), ("amp", "true"), ("outputtype", "amp")}
_AMP_PATH_TAIL = re.compile(r"/amp/?$|\.amp(?=\.html?$)|\.amp$", re.IGNORECASE)


def canonical_article_url(url: str) -> str:
    """The address a story is tracked under; InvalidURL (from core.urls) when not fetchable."""
    parts = urlsplit(validate_article_url(url))
    host = parts.netloc
    if host.startswith("amp.") and host.count(".") >= 2:
        host = host[len("amp.") :]
    path = _AMP_PATH_TAIL.sub("", parts.path) or "/"
    if path != parts.path and not path.endswith("/") and parts.path.endswith("/amp/"):
        path += "/"
    query = "&".join(pair for pair in parts.query.split("&") if pair and _kept(pair))
    return urlunsplit((parts.scheme, host, path, query, ""))


def _kept(pair: str) -> bool:
    name, _, value = pair.partition("=")
    name = name.lower()
    if name in _TRACKING_NAMES or name.startswith(_TRACKING_PREFIXES):
        return False
    return (name, value.lower()) not in _AMP_FLAGS


def registrable_host(url: str) -> str:
    """The outlet an address belongs to: its registrable domain ("bbc.co.uk" for
    www.bbc.co.uk and news.bbc.co.uk); the host itself for an IP address or a name
    outside the public suffix list (localhost, an intranet name). '' for no host."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return _registrable(host)


@functools.lru_cache(maxsize=4096)
def _registrable(host: str) -> str:
    # A section page holds hundreds of links to a handful of hosts.
    domain = tld.get_fld(host, fix_protocol=True, fail_silently=True)
    return str(domain) if domain else host
