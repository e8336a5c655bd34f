"""The interface is Chinese: every page of the demo, as every role sees it, shows
no English word and no code identifier (``english_leaks`` says what counts, and
its small allowlist why).

The whole demo is loaded once for this module, inside a transaction rolled back
at its end, so the other tests never see it. Then, for the public and for each
role's demo login, every page is walked: the addresses of the URL
configuration that take no parameter, then every link found on the pages, one
page per kind of page (its URL pattern and query keys), so every list, detail and
form is seen with real records. Downloads (PDF, DOCX, XLSX, files) are not
fetched: they are documents, not pages.

Rerun it alone with
``.venv/bin/pytest gongkai/tests_project/test_no_english.py -p no:cacheprovider``;
a failure lists each word with the role, the page and the text around it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from gongkai.accounts.models import User

from .english_leaks import leaks, visible_text

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# Each role's demo login (gongkai.demo.loader); None is the public.
ROLES = {
    "public": None,
    "staff": "demo",
    "reviewer": "demo-reviewer",
    "office_head": "demo-head",
    "supervisor": "demo-supervisor",
    "administrator": "admin",
}
SEEDS = ["/", "/workspace/", "/admin/", "/no-such-page/"]
# Pages that are files, or that act when fetched, by URL name: not walked.
NOT_PAGES = (
    "download",
    "xlsx",
    "pdf",
    "file",
    "export",
    "circular",
    "preview",
    "original",
    "redacted",
    "attachment",
    "health",
    "batch_state",
    "application_form",
    "graphic",
    "logout",
    "static",
    "jsi18n",
    "sms_stop",
    "delete",
)
# The admin pages of the security libraries (django-axes' sign-in records,
# django-otp's devices) are theirs: their record names and search help are English
# in their code. Their names in the admin's index are Chinese
# (gongkai.core.third_party_names); their pages are not walked.
LIBRARY_ADMIN = (
    "admin:axes_",
    "admin:otp_",
    # Django 5.2 writes the warning of its admin password form in English, outside
    # gettext (django.contrib.auth.forms.AdminPasswordChangeForm): "If disabled, the
    # current password for this user will be lost."
    "admin:auth_user_password_change",
)
IGNORED_QUERY = {"page", "_", "next"}
PER_KIND = 2  # pages of one kind walked (two: e.g. a draft and a published item)
MAX_PAGES = 700  # per role, a bound the demo stays well under


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:
    from gongkai.demo.loader import demo_load

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_load()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _links(page: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url = urljoin(page, href)
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _kind(url: str) -> str | None:
    """The kind of page at ``url`` (its route and query keys), or None for a file
    or an address that is no page."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return "not-found" if parts.path == "/no-such-page/" else None
    name = match.view_name or ""
    if any(word in name for word in NOT_PAGES):
        return None
    if name.startswith(LIBRARY_ADMIN):
        return None
    if name.startswith("admin:"):
        # The admin's pages are alike for every model: each once, its lists
        # without their filters, and no history (Django's own log).
        return None if name.endswith("_history") else f"{match.route}"
    keys = sorted({k for k, _ in parse_qsl(parts.query)} - IGNORED_QUERY)
    return f"{match.route}?{'&'.join(keys)}"


def _plain_addresses() -> list[str]:
    """Every address of the URL configuration that takes no parameter."""
    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and not set("<^$") & set(route):
                found.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return found


def _walk(client: Client, names: list[str]) -> tuple[list[str], int]:
    """The leaks of every page ``client`` reaches, and how many pages it saw."""
    queue = deque(SEEDS + _plain_addresses())
    seen: set[str] = set()
    per_kind: dict[str, int] = {}
    found: list[str] = []
    pages = 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        kind = _kind(url)
        most = 1 if url.startswith("/admin/") else PER_KIND
        if url in seen or kind is None or per_kind.get(kind, 0) >= most:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302) or response.streaming:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        per_kind[kind] = per_kind.get(kind, 0) + 1
        pages += 1
        html = response.content.decode()
        found += [
            f"{url} [{response.status_code}]: {leak.word!r} in …{leak.context}…"
            for leak in leaks(visible_text(html), names=names)
        ]
        queue.extend(_links(url, html))
    return found, pages


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_shows_english(demo, role):
    """No page a role reaches shows an English word or a code identifier."""
    client = Client()
    if ROLES[role]:
        client.force_login(User.objects.get(username=ROLES[role]))
    names = list(User.objects.values_list("username", flat=True))
    found, pages = _walk(client, names)
    assert pages > (5 if role == "public" else 10), "the walk reached no pages"
    assert found == [], _summary(found, pages)


def _summary(found: list[str], pages: int) -> str:
    """Each word once, with how often and where it was first seen."""
    words: dict[str, list[str]] = {}
    for line in found:
        words.setdefault(line.split("'")[1] if "'" in line else line, []).append(line)
    lines = [
        f"{len(where)}× {word}: {where[0]}"
        for word, where in sorted(words.items(), key=lambda w: -len(w[1]))
    ]
    return f"{len(found)} leaks ({len(words)} words) on {pages} pages:\n" + "\n".join(
        lines[:120]
    )
