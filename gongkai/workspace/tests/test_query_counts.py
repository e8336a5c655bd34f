"""Every workspace list page costs the same number of queries whatever it lists.

Each page is read once over a small ledger of 甲局 (the staff's agency, in the
region of ``conftest.py``), then over a grown one (more applications, items,
enquiries, activities, attested figures and events): the count must not move, or
a row costs a query of its own (an N+1). Each page must also show what it lists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.activities.models import Enquiry
from gongkai.applications.models import Application
from gongkai.core.events import event_record
from gongkai.testing import factories

from .conftest import Region

pytestmark = pytest.mark.django_db

NOON = datetime(2022, 1, 20, 4, tzinfo=UTC)


@dataclass
class Ledger:
    """甲局's records; ``grow`` adds ``n`` of each kind, each named so that a page
    can be seen to list it (the last one added is ``n{added}``)."""

    region: Region
    added: int = 0
    first: Application | None = None  # the first application, for its audit

    def grow(self, n: int) -> None:
        agency = self.region.a
        user = self.region.users["staff"]
        today = timezone.localdate()
        for _ in range(n):
            self.added += 1
            tag = f"n{self.added:03d}"
            application = factories.ApplicationFactory(
                agency=agency,
                tracking_number=f"YSQ-{tag}",
                received_on=today - timedelta(days=self.added % 20),
            )
            item = factories.ItemFactory(agency=agency, title=f"草稿{tag}", draft=True)
            factories.ItemFactory(agency=agency, title=f"已公开{tag}")
            Enquiry.objects.create(
                agency=agency,
                mailbox="leader",
                reference=f"ZX-{tag}",
                asker_name="李四",
                asker_contact="lisi@example.com",
                subject=f"咨询{tag}",
                question="申请条件是什么？",
                publication_allowed=True,
                asked_at=NOON,
                answered_by=user if self.added % 2 else None,
                answer="已答复。" if self.added % 2 else "",
                answered_on=date(2022, 1, 21) if self.added % 2 else None,
            )
            factories.ActivityFactory(agency=agency, title=f"活动{tag}")
            # A unit of the region the supervisor reads, with work of its own.
            unit = factories.AgencyFactory(parent=self.region.county, name=f"单位{tag}")
            factories.ApplicationFactory(agency=unit, received_on=today)
            factories.ItemFactory(agency=unit, published_on=today)
            factories.AttestedFigureFactory(
                agency=agency,
                year=2000 + self.added,
                value=Decimal(self.added),
                attested_by=user,
            )
            for verb in ("application_registered", "application_extended"):
                event_record(
                    actor=user, verb=verb, target=application, data={"tag": tag}
                )
            event_record(actor=user, verb="item_created", target=item)
            self.first = self.first or application

    @property
    def tag(self) -> str:
        return f"n{self.added:03d}"


@pytest.fixture
def ledger(region) -> Ledger:
    found = Ledger(region)
    found.grow(2)
    return found


def _count(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def _same_count_when_grown(client, ledger: Ledger, url: str, grow: int = 8) -> str:
    _count(client, url)  # warms what a process keeps (formats, content types)
    small, _ = _count(client, url)
    ledger.grow(grow)
    large, page = _count(client, url)
    assert large == small, f"{url}: {small} queries, then {large}"
    return page


CASES: list[tuple[str, str, Callable[[Ledger], str], Callable[[Ledger], str]]] = [
    ("office_head", "dashboard", lambda _: reverse("workspace:dashboard"), None),
    (
        "staff",
        "applications-open",
        lambda _: reverse("workspace:applications") + "?bucket=open",
        lambda ledger: f"YSQ-{ledger.tag}",
    ),
    (
        "staff",
        "applications-due-soon",
        lambda _: reverse("workspace:applications") + "?bucket=due_soon",
        None,
    ),
    (
        "staff",
        "items-drafts",
        lambda _: reverse("workspace:items") + "?list=drafts",
        lambda ledger: f"草稿{ledger.tag}",
    ),
    (
        "staff",
        "items-published",
        lambda _: reverse("workspace:items") + "?list=published",
        lambda ledger: f"已公开{ledger.tag}",
    ),
    (
        "staff",
        "enquiries",
        lambda _: reverse("workspace:enquiries"),
        lambda ledger: f"咨询{ledger.tag}",
    ),
    (
        "staff",
        "activities",
        lambda _: reverse("workspace:activities"),
        lambda ledger: f"活动{ledger.tag}",
    ),
    (
        "office_head",
        "attested",
        lambda _: reverse("workspace:attested"),
        lambda ledger: f"{2000 + ledger.added}",
    ),
    (
        "supervisor",
        "supervision",
        lambda _: reverse("workspace:supervision"),
        lambda ledger: f"单位{ledger.tag}",
    ),
    (
        "office_head",
        "audit-of-an-application",
        lambda ledger: reverse(
            "workspace:audit", args=["applications.application", ledger.first.pk]
        ),
        None,
    ),
]


@pytest.mark.parametrize(
    ("role", "url", "shown"),
    [pytest.param(role, url, shown, id=name) for role, name, url, shown in CASES],
)
def test_a_workspace_list_costs_the_same_queries_for_more_rows(
    client_as, region, ledger, role, url, shown
):
    client = client_as(region.users[role])
    page = _same_count_when_grown(client, ledger, url(ledger))
    if shown is not None:
        assert shown(ledger) in page


def test_the_audit_page_costs_the_same_queries_for_more_events(
    client_as, region, ledger
):
    client = client_as(region.users["office_head"])
    application = ledger.first
    url = reverse("workspace:audit", args=["applications.application", application.pk])
    _count(client, url)
    small, _ = _count(client, url)
    for n in range(10):
        event_record(
            actor=region.users["reviewer"],
            verb="application_extended",
            target=application,
            data={"before": {"due_on": "—"}, "after": {"due_on": f"延期{n}"}},
        )

    large, page = _count(client, url)

    assert large == small
    assert all(f'<td class="after">延期{n}</td>' in page for n in range(10))


def test_a_report_preview_costs_the_same_queries_for_more_records(
    client_as, region, ledger
):
    """A report build is a query per indicator family, whatever the ledger holds."""
    client = client_as(region.users["office_head"])
    year = timezone.localdate().year
    url = reverse("workspace:report", args=[region.a.pk, year])

    page = _same_count_when_grown(client, ledger, url, grow=12)

    assert region.a.name in page


def test_the_report_list_costs_the_same_queries_for_more_agencies(
    client_as, region, ledger
):
    """The years' states are read a year at a time, not an agency at a time."""
    client = client_as(region.users["supervisor"])
    url = reverse("workspace:reports")
    _count(client, url)
    small, _ = _count(client, url)
    for n in range(3):
        factories.AgencyFactory(parent=region.county, name=f"新设单位{n}")

    large, page = _count(client, url)

    assert large == small
    assert "新设单位2" in page
