"""No address of the site answers 500 to odd input (issue 12, finding 8).

Every URL pattern is resolved from the URLconf and visited, as an anonymous visitor
and as a signed-in administrator, with its path parameters filled with existing
values and with odd ones (0, a number too large for the database, ``²``, a very long
string, NUL). Then, for each address, every query parameter the view reads (found by
watching which keys it asks ``request.GET`` for) is sent with odd values: 0, -1,
99999, a 20-digit number, Unicode digits, '', 10,000 characters, NUL. Each answer
must be anything but a 500: a page, a redirect, a 400, 403 or 404.

Then every form the public pages and the workspace show (found in the pages' HTML,
as a visitor, a member of an agency's staff and an administrator) is sent with each
of its fields odd in turn, the others as the page filled them in, and once with
every field odd at once: 0, -1, 99999, ², '', 10,000 characters, NUL. No answer may
be a 500 either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.core.handlers import wsgi
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from gongkai.accounts.models import User
from gongkai.activities.models import Enquiry
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.portal.guard import TOKEN_FIELD, token_new
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
    staff: User


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
    staff = factories.UserFactory(username="staff", role=User.Role.STAFF, agency=agency)
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
    return World(ids=ids, admin=admin, staff=staff)


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


# --- Forms --------------------------------------------------------------------

ODD_FORM_VALUES = ["0", "-1", "99999", "²", "", "x" * 10_000, "\x00"]
# Forms that end the session or belong to Django's admin (walked by Django's own
# tests) are left out.
SKIPPED_ACTIONS = ("/admin/", "/accounts/logout/")
# What a person would write in a field the page left empty, so that the other
# fields' odd values get past the form to the code and the records behind it.
SENSIBLE_BY_NAME = {
    "name": "张三",
    "asker_name": "张三",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "asker_contact": "13800138000",
    "email": "zhang@example.com",
    "postcode": "100000",
    "address": "北京市东城区正义路1号",
    "subject": "关于办事指南的咨询",
    "title": "关于做好2021年预算公开工作的通知",
    "challenge_answer": "7",
    "website": "",
}
SENSIBLE_BY_TYPE = {"date": "2021-03-01", "number": "3", "email": "a@example.com"}


@dataclass(frozen=True)
class Form:
    """A form a page shows: where it posts, and its fields as a person would
    send it (the page's values, a sensible one where it left a field empty)."""

    action: str
    fields: tuple[tuple[str, str], ...]

    def data(self, **odd: str) -> dict[str, str]:
        """The fields, some of them odd; a new one-time token unless the token
        itself is the odd one (else every send after the first is a replay)."""
        fields = dict(self.fields)
        if TOKEN_FIELD in fields:
            fields[TOKEN_FIELD] = token_new()
        return {**fields, **odd}


def _sensible(element) -> str:  # type: ignore[no-untyped-def]
    """A value for ``element`` that a person would give."""
    value = element.value if element.tag != "input" else element.get("value")
    if value:
        return str(value)
    if element.tag == "select":
        options = [o.get("value") for o in element.iter("option") if o.get("value")]
        return options[0] if options else ""
    short = element.name.rsplit("-", 1)[-1]  # prefixed forms: "decide-ground"
    if short in SENSIBLE_BY_NAME:
        return SENSIBLE_BY_NAME[short]
    kind = (element.get("type") or "text").lower()
    if kind in ("checkbox", "radio", "submit", "file", "hidden"):
        return element.get("value") or ""
    return SENSIBLE_BY_TYPE.get(kind, "测试")


def forms_on(address: str, page: str) -> Iterator[Form]:
    """The POST forms of ``page`` (shown at ``address``)."""
    if "<form" not in page:
        return
    for form in lxml.html.document_fromstring(page).forms:
        if (form.get("method") or "get").lower() != "post":
            continue
        action = urlsplit(urljoin(address, form.get("action") or address))
        target = action.path + (f"?{action.query}" if action.query else "")
        if target.startswith(SKIPPED_ACTIONS):
            continue
        fields: dict[str, str] = {}
        for name, value in form.form_values():  # what the page filled in
            fields.setdefault(name, value)
        for element in form.inputs:  # empty, unticked, buttons, files
            name = element.get("name")
            if name and not fields.get(name):
                fields[name] = _sensible(element)
        fields.pop("csrfmiddlewaretoken", None)
        yield Form(target, tuple(sorted(fields.items())))


def _forms(client: Client, world: World) -> list[Form]:
    """Every distinct form of the public pages and the workspace."""
    found: dict[tuple[str, tuple[str, ...]], Form] = {}
    for route in routes():
        if route.route.startswith("admin/"):
            continue
        address = next(path_variants(route, world.ids))
        response = client.get(address)
        if response.status_code != 200 or "html" not in response.get("Content-Type"):
            continue
        for form in forms_on(address, response.content.decode()):
            found.setdefault((form.action, tuple(n for n, _ in form.fields)), form)
    return list(found.values())


def _send_odd(client: Client, form: Form) -> list[str]:
    """The form with each field odd in turn, then all at once: what gave 500."""
    failures = []
    for name, _ in form.fields:
        for value in ODD_FORM_VALUES:
            if client.post(form.action, form.data(**{name: value})).status_code == 500:
                failures.append(f"POST {form.action} {name}={value[:20]!r}")
    for value in ODD_FORM_VALUES:
        every = {name: value for name, _ in form.fields}
        if client.post(form.action, every).status_code == 500:
            failures.append(f"POST {form.action} every field={value[:20]!r}")
    return failures


@pytest.mark.slow
@pytest.mark.parametrize("who", ["public", "staff", "administrator"])
def test_no_form_answers_500_to_odd_values(world, who, settings, monkeypatch):
    """Anonymous, as an agency's staff or as an administrator, every form of the
    site answers odd values with a page, a redirect, 400, 403 or 404, never a 500.
    The public forms' robot check and hourly limit are waved through, so that odd
    values reach the fields and the records behind them."""
    from gongkai.portal import guard

    monkeypatch.setattr(guard, "challenge_problem", lambda challenge, answer: None)
    settings.GONGKAI_RATE_LIMITS = {}
    client = Client(raise_request_exception=False)
    user = {"public": None, "staff": world.staff, "administrator": world.admin}[who]
    if user is not None:
        client.force_login(user)
    forms = _forms(client, world)
    assert len(forms) >= (3 if who == "public" else 10)  # the walk found the forms
    failures = []
    for form in forms:
        failures += _send_odd(client, form)
        if user is not None:
            client.force_login(user)  # a form may have ended the session
    assert not failures, "\n".join(failures)
    if who == "public":  # odd but acceptable values were stored, not just refused
        assert Application.objects.filter(channel="online").exists()
        assert Enquiry.objects.exists()
