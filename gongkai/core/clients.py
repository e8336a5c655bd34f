"""Who is asking: the client's address, trusting X-Forwarded-For only from a proxy
the deployment names (``GONGKAI_TRUSTED_PROXIES``).

nginx appends the address it saw to X-Forwarded-For; anything to the left of it was
written by the client or by proxies nobody vouches for. So the address is the
rightmost hop that is not a trusted proxy, and only when the request itself came
from a trusted proxy. A request over a unix socket has an empty REMOTE_ADDR: it can
only come from a process on this machine (nginx), so it counts as the local proxy.
A client that connects directly gets its own REMOTE_ADDR, whatever it forwards.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNIX_SOCKET = "unix"  # the name of an empty REMOTE_ADDR in GONGKAI_TRUSTED_PROXIES


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(
        ipaddress.ip_network(entry, strict=False)
        for entry in entries
        if entry != UNIX_SOCKET
    )


def _parsed(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        parsed = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
        return parsed.ipv4_mapped
    return parsed


def is_trusted_proxy(address: str, trusted: Iterable[str] | None = None) -> bool:
    """Whether a request from ``address`` comes through a proxy we trust."""
    entries = tuple(settings.GONGKAI_TRUSTED_PROXIES if trusted is None else trusted)
    if not address.strip():
        return UNIX_SOCKET in entries
    parsed = _parsed(address)
    return parsed is not None and any(parsed in net for net in _networks(entries))


def client_address(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or behind a trusted proxy the rightmost
    address in X-Forwarded-For that is not itself a trusted proxy ("unknown" when a
    trusted proxy forwarded nothing usable, which then counts as one client)."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    if not is_trusted_proxy(remote):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        parsed = _parsed(hop)
        if parsed is None:
            break  # garbage from here leftwards: nobody vouches for it
        if not is_trusted_proxy(str(parsed)):
            return str(parsed)
    return remote or "unknown"
