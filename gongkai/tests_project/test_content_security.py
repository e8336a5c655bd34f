"""The Content-Security-Policy allows nothing inline, and no page needs it (issue 12).

A browser that obeys the policy ignores every ``style`` attribute and every inline
``<style>`` or ``<script>`` block; a page that relied on one would lose its bars,
its report tables' column widths or its behaviour. So the pages that once carried
them (the home page, the supervisor's bars, a published report's tables) are checked
for none, and the policy itself for no ``'unsafe-inline'``.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.reports.services import report_publish
from gongkai.reports.tests.helpers import signed_off
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_BLOCK = re.compile(r"<style\b|<script\b(?![^>]*\ssrc=)", re.IGNORECASE)


def _inline(page: str) -> list[str]:
    """What in ``page`` the policy would block: style attributes, inline blocks."""
    found = STYLE_ATTRIBUTE.findall(page) + INLINE_BLOCK.findall(page)
    return [f[:80] for f in found]


def _policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.fixture
def region(db) -> dict:
    """A county with two departments that published items, one of them its
    2021 report."""
    county = factories.AgencyFactory(
        name="测试县人民政府", level=Agency.Level.COUNTY, kind=Agency.Kind.GOVERNMENT
    )
    busy, quiet = (
        factories.AgencyFactory(name=name, level=Agency.Level.COUNTY, parent=county)
        for name in ("测试县甲局", "测试县乙局")
    )
    for _ in range(4):
        factories.ItemFactory(agency=busy, formed_on=date(2021, 3, 1))
    factories.ItemFactory(agency=quiet, formed_on=date(2021, 3, 1))
    factories.ApplicationFactory(
        agency=busy,
        received_on=date(2021, 3, 1),
        outcome="disclosed",
        closed_on=date(2021, 3, 2),
    )
    signed_off(busy, 2021)
    report_publish(agency=busy, year=2021, acting_user=None)
    supervisor = factories.UserFactory(
        username="supervisor", role=User.Role.SUPERVISOR, agency=county
    )
    return {"county": county, "busy": busy, "supervisor": supervisor}


def test_the_policy_allows_no_inline_style_or_script(client):
    """Styles and scripts come from the site's own files only."""
    policy = _policy(client.get(reverse("portal:home")))
    assert policy["style-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert not any("'unsafe-inline'" in values for values in policy.values())


def test_the_home_page_has_nothing_inline(client, region):
    page = client.get(reverse("portal:home")).content.decode()
    assert 'class="grid grid--4 space-above"' in page
    assert _inline(page) == []


def test_a_published_report_page_has_its_column_widths_as_classes(client, region):
    """The report's tables keep their proportions through width classes, and the
    report's stylesheet is a file."""
    url = reverse("portal:report", args=[region["busy"].pk, 2021])
    page = client.get(url).content.decode()
    assert "收到和处理政府信息公开申请情况" in page
    widths = [int(w) for w in re.findall(r'<col class="gk-w(\d+)">', page)]
    assert widths and sum(widths) % 100 == 0  # each table's columns fill it
    assert "/static/reports/report.css" in page
    assert _inline(page) == []


def test_the_supervisors_bars_are_as_long_as_their_share(client, region):
    """The unit that published most has the full bar, the other a quarter."""
    client.force_login(region["supervisor"])
    response = client.get(
        reverse("workspace:supervision"),
        {"region": region["county"].pk, "year": 2021},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="hbar hbar--100"' in page
    assert 'class="hbar hbar--25"' in page
    assert _inline(page) == []


def test_the_admin_pages_have_no_inline_script(admin_client, region):
    """Django's admin runs under the same policy: its pages load their scripts
    from files."""
    for url in (
        reverse("admin:index"),
        reverse("admin:agencies_agency_changelist"),
        reverse("admin:agencies_agency_change", args=[region["busy"].pk]),
        reverse("admin:agencies_agency_add"),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert not re.findall(r"<script\b(?![^>]*\ssrc=)", page), url
        assert not STYLE_ATTRIBUTE.findall(page), url


def test_no_template_writes_anything_inline():
    """No template of the site writes a style attribute or an inline block, so a
    page added later cannot rely on what the policy blocks. The one exception is
    the printed report as a standalone HTML file (a download, and the source of
    the PDF), which carries its stylesheet inside."""
    from pathlib import Path

    import gongkai

    standalone = {"reports/templates/reports/report_document.html"}
    root = Path(gongkai.__file__).parent
    offending = {
        str(path.relative_to(root)): _inline(path.read_text(encoding="utf-8"))
        for path in root.rglob("*.html")
        if "templates" in path.parts
    }
    offending = {
        name: found
        for name, found in offending.items()
        if found and name not in standalone
    }
    assert offending == {}
