"""Connect only to addresses we may contact: the link-local rule at connect time.

`core/urls.py` refuses a link-local address written in the URL, in any form. A
host *name* can still resolve to one (a hostile DNS record pointing at
169.254.169.254, the cloud metadata service). Checking the name with
`getaddrinfo` and then letting the HTTP library resolve it again would leave a
window for DNS rebinding: the second answer may differ from the first. So the
check happens where the socket is opened: the name is resolved once, every
address is checked (one link-local answer refuses the host), and the socket is
connected to exactly the addresses that were checked. TLS still verifies the
certificate against the host name: httpcore passes the name, not the address,
to the TLS handshake.

httpx offers no public hook for the network backend, so `guarded_transport`
builds httpx's own transport and gives it an httpcore pool with our backend.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from collections.abc import Iterable

import httpcore
import httpx

from newsdiff_gui.core.urls import refusal_reason

# httpcore's SOCKET_OPTION, which it does not export.
SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


class AddressRefused(Exception):
    """The host resolves to an address the fetcher never contacts; says which and why."""


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's blocking backend, resolving each host once and refusing link-local answers."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port)
        options = list(socket_options or [])
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:  # in the resolver's order, as socket.create_connection does
            try:
                return super().connect_tcp(address, port, timeout, local_address, options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # checked_addresses never returns an empty list
        raise failure


def checked_addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, or AddressRefused if any of them is refused.

    Resolver failures come out as httpcore.ConnectError, as they did from httpcore's
    own backend (the fetcher reports them as "could not connect").
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(str(exc)) from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise httpcore.ConnectError(f"{host} has no address")
    for address in addresses:
        parsed = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
        reason = refusal_reason(parsed)
        if reason is not None:
            subject = f"{address} is" if address == host else f"{host} resolves to {address},"
            raise AddressRefused(f"{subject} {reason}; it is not fetched")
    return addresses


def guarded_transport(ssl_context: ssl.SSLContext, limits: httpx.Limits) -> httpx.HTTPTransport:
    """httpx's transport for these settings, connecting through `GuardedBackend`."""
    transport = httpx.HTTPTransport(verify=ssl_context, trust_env=False, limits=limits)
    transport._pool = httpcore.ConnectionPool(  # see the module docstring
        ssl_context=ssl_context,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(),
    )
    return transport
