"""Every public list page costs the same number of queries whatever it lists.

Each page is read once over a small ledger (5 units), then over one ten times
as large (50 units: more agencies, items with channels and attachments, answers,
published reports): the count must not move, or a row costs a query of its own
(an N+1). The page cache (ADR 9) is
off, so the views really run; each page must also show the rows it listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.activities.models import Enquiry
from gongkai.agencies.models import Agency
from gongkai.catalog.models import Attachment, Item, PublicationChannel
from gongkai.reports.builder import build_report
from gongkai.reports.formats import get_format
from gongkai.reports.models import ReportVersion
from gongkai.testing import factories

pytestmark = pytest.mark.django_db

YEAR = 2021
SMALL, LARGE = 5, 50  # units in the ledger: each with items, an answer, reports
NOON = datetime(2022, 1, 20, 4, tzinfo=UTC)


@dataclass
class Ledger:
    """A government whose units publish items, answers and reports; ``grow``
    adds units and records, each named so that a page can be seen to list it."""

    government: Agency
    snapshot: dict
    added: int = 0
    titles: list[str] = field(default_factory=list)
    units: list[Agency] = field(default_factory=list)

    def grow(self, units: int) -> None:
        for _ in range(units):
            self.added += 1
            unit = factories.AgencyFactory(
                parent=self.government, name=f"测试县第{self.added}局"
            )
            self.units.append(unit)
            for n in range(2):
                self._item(unit, n)
            self._answer(unit)
            for year in (YEAR - 1, YEAR):
                self._report(unit, year)
            self._report(self.government, YEAR, number=self.added)

    def _item(self, unit: Agency, n: int) -> Item:
        title = f"第{self.added}局关于安全生产工作的通知{n}"
        self.titles.append(title)
        item = factories.ItemFactory(
            agency=unit, title=title, published_on=date(YEAR, 3, 1 + self.added % 27)
        )
        for channel in ("website", "weixin"):
            factories.ItemChannelFactory(item=item, channel=channel)
        Attachment.objects.create(
            item=item,
            file=f"catalog/attachments/{item.pk}.pdf",
            name=f"附件{item.pk}.pdf",
            kind="pdf",
            size=100,
            digest="0" * 64,
        )
        return item

    def _answer(self, unit: Agency) -> None:
        Enquiry.objects.create(
            agency=unit,
            mailbox="leader",
            reference=f"ZX{unit.pk:08d}",
            asker_name="李四",
            asker_contact="lisi@example.com",
            subject=f"第{self.added}局的咨询",
            question="申请条件是什么？",
            publication_allowed=True,
            asked_at=NOON,
            answer="年满八十周岁。",
            answered_on=date(2022, 1, 21),
            published_at=NOON,
        )

    def _report(self, agency: Agency, year: int, number: int = 1) -> None:
        ReportVersion.objects.create(
            agency=agency,
            year=year,
            format="2021",
            number=number,
            snapshot=self.snapshot,
            sha256=f"{agency.pk:032d}{number:032d}",
            published_at=NOON + timedelta(days=number),
        )


@pytest.fixture
def ledger(government, settings) -> Ledger:
    settings.GONGKAI_PORTAL_CACHE_SECONDS = 0  # the views themselves, every time
    snapshot = build_report(
        agency=government, year=YEAR, fmt=get_format("2021")
    ).to_dict()
    found = Ledger(government, snapshot)
    found.grow(SMALL)
    return found


def _count(client, url: str) -> tuple[int, str]:
    cache.clear()  # rendered reports and rate limits
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def _same_count_when_grown(
    client, ledger: Ledger, url: Callable[[Ledger], str], grow: int = LARGE - SMALL
) -> str:
    """Reads ``url`` over the small ledger and the grown one; returns the page
    over the grown ledger, after asserting the same number of queries."""
    _count(client, url(ledger))  # warms what a process keeps (formats, plans)
    small, _ = _count(client, url(ledger))
    ledger.grow(grow)
    large, page = _count(client, url(ledger))
    assert large == small, f"{url(ledger)}: {small} queries, then {large}"
    return page


def _of(name: str, *args: Callable[[Ledger], object]) -> Callable[[Ledger], str]:
    return lambda ledger: reverse(name, args=[a(ledger) for a in args])


GOVERNMENT = lambda ledger: ledger.government.pk  # noqa: E731
NEWEST_UNIT = lambda ledger: ledger.units[-1].pk  # noqa: E731


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (_of("portal:home"), lambda ledger: ledger.titles[-1]),
        (_of("portal:agencies"), lambda ledger: ledger.units[-1].name),
        (_of("portal:agency", GOVERNMENT), lambda ledger: ledger.units[-1].name),
        (_of("portal:agency", NEWEST_UNIT), lambda ledger: ledger.titles[-1]),
        (_of("portal:reports", GOVERNMENT), lambda ledger: f"{YEAR}"),
        (_of("portal:catalog"), lambda ledger: ledger.titles[-1]),
        (
            lambda ledger: reverse("portal:catalog") + f"?agency={GOVERNMENT(ledger)}",
            lambda ledger: ledger.titles[-1],
        ),
        (_of("portal:enquiries"), lambda ledger: f"第{ledger.added}局的咨询"),
        (
            _of("portal:report", GOVERNMENT, lambda ledger: YEAR),
            # the newest version's fingerprint, among every version listed
            lambda ledger: f"{GOVERNMENT(ledger):032d}{ledger.added:032d}",
        ),
    ],
    ids=[
        "home",
        "agencies",
        "agency-government",
        "agency-unit",
        "reports-of-agency",
        "catalogue",
        "catalogue-of-region",
        "enquiries",
        "report-with-its-versions",
    ],
)
def test_a_public_list_costs_the_same_queries_for_more_rows(client, ledger, url, shown):
    page = _same_count_when_grown(client, ledger, url)
    assert shown(ledger) in page


def test_the_item_page_costs_the_same_for_more_channels_and_attachments(client, ledger):
    item = Item.objects.get(title=ledger.titles[0])
    url = reverse("portal:item", args=[item.pk])
    _count(client, url)
    small, _ = _count(client, url)
    for channel in PublicationChannel.values:
        if channel not in ("website", "weixin"):
            factories.ItemChannelFactory(item=item, channel=channel)
    for n in range(5):
        Attachment.objects.create(
            item=item,
            file=f"catalog/attachments/extra{n}.pdf",
            name=f"补充附件{n}.pdf",
            kind="pdf",
            size=100,
            digest="0" * 64,
        )

    large, page = _count(client, url)

    assert large == small
    assert "补充附件4.pdf" in page


def test_a_search_costs_the_same_queries_for_more_hits(client, ledger):
    """A page of hits costs the same whether 10 or 100 items match: a hit costs
    no query."""
    from gongkai.catalog.search.index import index_items

    url = reverse("portal:catalog") + "?q=安全生产"
    index_items(Item.objects.all())
    _count(client, url)
    small, _ = _count(client, url)
    ledger.grow(LARGE - SMALL)  # 100 matching items: five pages of hits
    index_items(Item.objects.all())

    large, page = _count(client, url)

    assert large == small
    assert any(f"第{n}局关于" in page for n in range(SMALL + 1, LARGE + 1))


def test_the_report_index_costs_the_same_queries_for_more_agencies(client, ledger):
    page = _same_count_when_grown(client, ledger, _of("portal:report_index"))
    assert ledger.units[-1].name in page


def test_a_published_report_costs_one_query(client, ledger):
    """The versions bring their agency; the rendering is kept under the hash."""
    url = reverse("portal:report", args=[GOVERNMENT(ledger), YEAR])
    client.get(url)  # renders the version once and keeps it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) == 1


def test_an_item_costs_four_reads_in_one_round_trip_and_no_attachment_text(
    client, ledger
):
    """The item, its attachments' names (never the text read from them), its
    interpretations and its channels: four queries on SQLite, sent together as
    one on PostgreSQL (``core.compiled.together``)."""
    item = Item.objects.get(title=ledger.titles[0])
    url = reverse("portal:item", args=[item.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == (1 if connection.vendor == "postgresql" else 4)
    assert sum(q["sql"].count("SELECT") for q in queries.captured_queries) == 4
    assert not any("segments" in q["sql"] for q in queries.captured_queries)
