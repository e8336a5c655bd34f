"""No address of the site answers 500 to odd input (issue 12, finding 8).

Every URL pattern is resolved from the URLconf and visited, as an anonymous visitor
and as a signed-in administrator, with its path parameters filled with existing
values and with odd ones (0, a number too large for the database, ``²``, a very long
string, NUL). Then, for each address, every query parameter the view reads (found by
watching which keys it asks ``request.GET`` for) is sent with odd values: 0, -1,
99999, a 20-digit number, Unicode digits, '', 10,000 characters, NUL. Each answer
must be anything but a 500: a page, a redirect, a 400, 403 or 404.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.handlers import wsgi
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

ODD_QUERY_VALUES = [
    "0",
    "-1",
    "99999",
    "99999999999999999999",
    "²",
    "٣",
    "３",
    "",
    "x" * 10_000,
    "\x00",
    "1\x00",
]
# Django's admin reads the same parameters on every model's pages, in Django's
# code: there the oddest few are enough.
ADMIN_QUERY_VALUES = ["", "²", "99999999999999999999", "\x00"]
ODD_INTS = ["0", "99999", "99999999999999999999"]
ODD_STRINGS = ["²", "x" * 300, "\x00"]


@dataclass(frozen=True)
class Route:
    """One URL pattern: its route with ``<converter:name>`` placeholders."""

    route: str

    def parameters(self) -> list[tuple[str, str]]:
        """(converter, name) of each placeholder, in order."""
        return re.findall(r"<(?:(\w+):)?(\w+)>", self.route)

    def fill(self, values: dict[str, str]) -> str:
        def one(match: re.Match[str]) -> str:
            return values[match.group(2)]

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", one, self.route)


def routes(patterns: list | None = None, prefix: str = "") -> Iterator[Route]:
    """Every route of the URLconf (regular-expression patterns, only in Django's
    admin, are left to Django)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        pattern = entry.pattern
        if not isinstance(pattern, RoutePattern):
            continue
        route = prefix + str(pattern._route)
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield Route(route)


@dataclass
class World:
    """A few records of each kind, so that existing ids reach the views' code."""

    ids: dict[str, str]
    admin: User


@pytest.fixture
def world(db) -> World:
    county = factories.AgencyFactory(
        name="测试县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )
    agency = factories.AgencyFactory(
        name="测试县甲局", level=Agency.Level.COUNTY, parent=county
    )
    item = factories.ItemFactory(agency=agency)
    application = factories.ApplicationFactory(agency=agency)
    admin = factories.UserFactory(
        username="admin", role=User.Role.ADMINISTRATOR, agency=None
    )
    admin.is_staff = admin.is_superuser = True
    admin.save()
    ids = {
        "agency_id": str(agency.pk),
        "item_id": str(item.pk),
        "application_id": str(application.pk),
        "tracking_number": application.tracking_number,
        "year": "2021",
        "extension": "html",
        "step": "submit",
        "path": "gongkai/site.css",
    }
    return World(ids=ids, admin=admin)


def path_variants(route: Route, ids: dict[str, str]) -> Iterator[str]:
    """The route with existing values, then with each parameter made odd in turn."""
    parameters = route.parameters()
    existing = {name: ids.get(name, "1") for _, name in parameters}
    yield route.fill(existing)
    for converter, name in parameters:
        odd = ODD_INTS if converter == "int" else ODD_STRINGS
        for value in odd:
            yield route.fill({**existing, name: value})


class Watching(QueryDict):
    """A QueryDict that notes which keys the view asked for."""

    asked: set[str] = set()

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        Watching.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        Watching.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):  # type: ignore[no-untyped-def]
        Watching.asked.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):  # type: ignore[no-untyped-def]
        Watching.asked.add(key)
        return super().getlist(key, default)


def _visit(client: Client, address: str, query: dict[str, str] | None = None) -> int:
    return client.get(address, query or {}).status_code


def _walk(client: Client, world: World) -> list[str]:
    """Every route with odd path values, and with existing path values and odd
    query values: the addresses that answered 500."""
    failures = []
    for route in routes():
        existing, *odd = path_variants(route, world.ids)
        failures += [a[:120] for a in odd if _visit(client, a) == 500]
        Watching.asked = set()
        if _visit(client, existing) == 500:
            failures.append(existing)
        admin = route.route.startswith("admin/")
        values = ADMIN_QUERY_VALUES if admin else ODD_QUERY_VALUES
        for name in sorted(Watching.asked):
            for value in values:
                if _visit(client, existing, {name: value}) == 500:
                    failures.append(f"{existing}?{name}={value[:20]!r}")
    return failures


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wsgi, "QueryDict", Watching)


@pytest.mark.slow
@pytest.mark.parametrize("who", ["public", "administrator"])
def test_no_address_answers_500_to_odd_parameters(world, watched, who):
    """Anonymous or signed in as an administrator, no URL of the site answers 500
    to an odd path or query value; it answers a page, a redirect, 400, 403 or
    404."""
    client = Client(raise_request_exception=False)
    if who == "administrator":
        client.force_login(world.admin)
    failures = _walk(client, world)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "address",
    [
        "/catalog/?year=0",
        "/catalog/?year=99999",
        "/catalog/?year=²",
        "/catalog/?page=²",
        "/catalog/?agency=²",
        "/workspace/supervision/?year=99999",
        "/workspace/supervision/?year=²",
        "/workspace/reports/{agency_id}/99999/",
    ],
)
def test_the_reported_odd_parameters_are_refused_not_failed(world, address):
    """The addresses of the finding answer 400 or 404, never 500."""
    client = Client(raise_request_exception=False)
    client.force_login(world.admin)
    response = client.get(address.format(**world.ids))
    assert response.status_code in (400, 404)


def test_a_bad_parameter_gets_a_page_that_says_so(world):
    """A refused parameter shows the site's own 400 page, not a bare line."""
    response = Client(raise_request_exception=False).get("/catalog/?year=²")
    assert response.status_code == 400
    assert "<main" in response.content.decode()
