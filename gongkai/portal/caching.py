"""Caching of public pages, exact to the last change.

A public page is the same for every visitor without an account, so it is kept in
Django's cache and served again until something changes. What "something
changes" means is the ledger's own rule: every change goes through a service that
writes one event (``gongkai.core.events``), and Django's admin logs its own. The
cache key holds the newest event's and admin entry's ids, so the first request
after any change renders the page afresh, in every worker process (within
``GONGKAI_PORTAL_VERSION_SECONDS``, the time a process trusts the ids it read).

Only a visitor with no session (never signed in, no form half sent) and no
pending message gets a cached page; a page is kept only when it was a plain 200.
``GONGKAI_PORTAL_CACHE_SECONDS`` (0: off) bounds how long an unchanged page is
kept; ``gongkai serve`` turns it on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse

from gongkai.core.routers import reads_from_replica

VERSION_SQL = (
    "SELECT (SELECT MAX(id) FROM core_event), (SELECT MAX(id) FROM django_admin_log)"
)


T = TypeVar("T")

# The version last read by this process, and when (monotonic seconds).
_read: tuple[float, str] = (float("-inf"), "")


def ledger_version() -> str:
    """Changes with every change to the ledger, as seen by every process.

    Read at most once every ``GONGKAI_PORTAL_VERSION_SECONDS`` per process: on a
    busy site the query itself is most of what a cached page costs (a round trip
    to PostgreSQL per request), and a public page a second behind the ledger
    harms no one. 0 reads it for every request (the tests)."""
    global _read
    now = time.monotonic()
    if now - _read[0] < settings.GONGKAI_PORTAL_VERSION_SECONDS:
        return _read[1]
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        event, logged = cursor.fetchone()
    version = f"{event or 0}.{logged or 0}"
    _read = (now, version)
    return version


# What ``kept_until_change`` found, in this process, for the ledger's version it
# was found under: {key: (value, until when)}. Django's cache hands out a copy (the
# local-memory cache unpickles it, Redis sends it), a few hundredths of a
# millisecond a value, and every search page reads three.
_kept: dict[str, tuple[Any, float]] = {}
KEPT_AT_MOST = 256


def kept_until_change(name: str, compute: Callable[[], T], *parts: object) -> T:
    """What ``compute`` derives from the ledger, kept under the ledger's version
    (the page cache's key, so it is renewed by the same change that renews the
    pages) for as long as a page is kept: for what many different pages show
    alike, e.g. the catalogue's filters, which every search (each its own page)
    would otherwise count again over the whole catalogue. With the page cache off
    (the tests), computed every time.

    Shared by every process through Django's cache, and kept in this one as it
    is: callers read it and never change it."""
    seconds = settings.GONGKAI_PORTAL_CACHE_SECONDS
    if not seconds:
        return compute()
    key = ":".join(["gongkai:derived", ledger_version(), name, *map(str, parts)])
    now = time.monotonic()
    here = _kept.get(key)
    if here is not None and here[1] > now:
        return cast(T, here[0])
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    if len(_kept) >= KEPT_AT_MOST:  # mostly keys of versions gone by
        _kept.clear()
    _kept[key] = (found, now + seconds)
    return found


def forget_kept() -> None:
    """Forget what this process kept. For tests: each test's changes are rolled
    back, so that two tests may meet the same ledger version with other data."""
    _kept.clear()


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"gongkai:page:{ledger_version()}:{language}:{path}"


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page from the cache for anonymous visitors. A public page
    only reads: with a read replica configured, it reads from it, the page cache's
    key included (``core.routers``)."""

    @wraps(view)
    @reads_from_replica
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.GONGKAI_PORTAL_CACHE_SECONDS
        if not seconds or not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            cache.set(key, response, seconds)
        return response

    return wrapped
