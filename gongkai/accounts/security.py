"""The security log of staff sign-in, and django-axes' two hooks.

Every sign-in, sign-out and refusal (a wrong password, a lock-out, a wrong second
factor, a page refused for role or scope) is a line in the logger
``gongkai.security``, whose handlers the logging settings keep for at least six
months (网络安全法 第二十一条). A line names the user name and the address, never
the password or the token.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core import clients

security_log = logging.getLogger("gongkai.security")


UNKNOWN_ADDRESS = "0.0.0.0"


def client_address(request: HttpRequest | None) -> str:
    """The address a sign-in comes from, for the lock-out and the log: the one
    rule of the site (``gongkai.core.clients``): X-Forwarded-For only from a
    trusted proxy, the unix socket of deploy.md counting as the local one.

    django-axes stores it in an IP-address column (PostgreSQL's ``inet`` refuses
    anything else), so an address that is not one (a request made in code, or a
    proxy that forwarded nothing usable) is kept as 0.0.0.0: one "unknown" client."""
    found = "" if request is None else clients.client_address(request)
    try:
        ipaddress.ip_address(found)
    except ValueError:
        return UNKNOWN_ADDRESS
    return found


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page a locked-out sign-in gets (429): what happened and how long the
    lock lasts. The right password does not open it early."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _username(credentials: dict[str, Any] | None, user: Any = None) -> str:
    if user is not None and getattr(user, "username", None):
        return str(user.username)
    return str((credentials or {}).get("username", ""))[:150]


@receiver(user_logged_in, dispatch_uid="gongkai.security.signed_in")
def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    security_log.info(
        "sign-in user=%s address=%s", _username(None, user), client_address(request)
    )


@receiver(user_logged_out, dispatch_uid="gongkai.security.signed_out")
def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    security_log.info(
        "sign-out user=%s address=%s", _username(None, user), client_address(request)
    )


@receiver(user_login_failed, dispatch_uid="gongkai.security.sign_in_refused")
def _sign_in_refused(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kw: Any,
) -> None:
    security_log.warning(
        "sign-in refused user=%s address=%s",
        _username(credentials),
        client_address(request),
    )


@receiver(user_locked_out, dispatch_uid="gongkai.security.locked_out")
def _locked_out(
    sender: Any,
    request: HttpRequest | None,
    username: str | None,
    ip_address: str | None,
    **kw: Any,
) -> None:
    security_log.warning(
        "sign-in locked out user=%s address=%s", username or "", ip_address or ""
    )


def refusal_log(request: HttpRequest | None, user: Any, what: str) -> None:
    """A refusal other than a password's: a second factor, a page or a step."""
    security_log.warning(
        "refused %s user=%s address=%s",
        what,
        _username(None, user) if user is not None else "",
        client_address(request),
    )
