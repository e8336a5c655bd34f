"""The client's address: X-Forwarded-For is believed only from a trusted proxy
(``GONGKAI_TRUSTED_PROXIES``; a unix socket is the local proxy)."""

import pytest
from django.test import RequestFactory

from gongkai.core.clients import client_address


def _request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("remote", "forwarded", "address"),
    [
        # nginx on the unix socket of deploy.md: REMOTE_ADDR is empty.
        ("", "198.51.100.7", "198.51.100.7"),
        ("", "198.51.100.8", "198.51.100.8"),
        # The client wrote a hop of its own; nginx appended the real one.
        ("", "10.9.9.9, 198.51.100.7", "198.51.100.7"),
        ("127.0.0.1", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        ("::1", "2001:db8::5", "2001:db8::5"),
        # A direct client's forged header is ignored.
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),
        ("203.0.113.9", None, "203.0.113.9"),
        # A trusted proxy that forwarded nothing usable: the proxy itself.
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
    ],
)
def test_the_address_is_believed_only_from_a_trusted_proxy(remote, forwarded, address):
    assert client_address(_request(remote, forwarded)) == address


def test_a_deployment_names_its_proxies(settings):
    """A load balancer's network is trusted once named; then the hop before it
    counts, and the loopback is no longer a proxy."""
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("10.1.2.3", "198.51.100.7, 10.4.4.4")) == (
        "198.51.100.7"
    )
    assert client_address(_request("127.0.0.1", "198.51.100.7")) == "127.0.0.1"
    # Without "unix", a request over the socket is not believed either.
    assert client_address(_request("", "198.51.100.7")) == ""
