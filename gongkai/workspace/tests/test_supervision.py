"""The supervisor's view of a region, and the circular (通报) it prints."""

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from gongkai.reports.models import ReportVersion
from gongkai.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2024(region):
    """甲局 published its 2024 report on time, 乙局 late; 乙局 published one item."""
    for unit, day in ((region.a, date(2025, 1, 20)), (region.b, date(2025, 2, 10))):
        ReportVersion.objects.create(
            agency=unit,
            year=2024,
            format="2021",
            number=1,
            snapshot={},
            sha256="0" * 64,
            published_at=f"{day.isoformat()}T10:00:00+08:00",
        )
    factories.ItemFactory(
        agency=region.b,
        category="人事",
        formed_on=date(2024, 1, 2),
        published_on=date(2024, 1, 5),
    )
    return region


@time_machine.travel("2025-06-01 10:00 +0800")
def test_the_overview_says_who_published_when_and_on_time(client_as, year_2024):
    client = client_as(year_2024.users["supervisor"])
    page = client.get(reverse("workspace:supervision"), {"year": 2024})
    units = {u.name: u for u in page.context["units"]}
    assert units["测试县甲局"].on_time is True
    assert units["测试县乙局"].on_time is False
    assert units["测试县人民政府"].on_time is False  # due 31 March, never published
    assert [u.name for u in page.context["late_reports"]] == [
        "测试县人民政府",
        "测试县乙局",
    ]
    assert units["测试县乙局"].items_published == 1
    assert [s.category for s in units["测试县乙局"].stale_categories] == ["人事"]


@time_machine.travel("2025-06-01 10:00 +0800")
def test_the_circular_lists_the_late_and_the_silent(client_as, year_2024):
    client = client_as(year_2024.users["supervisor"])
    response = client.get(reverse("workspace:circular"), {"year": 2024})
    assert "attachment" in response["Content-Disposition"]
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于2024年度政府信息公开工作情况的通报" in text
    assert "逾期2个" in text
    assert "测试县乙局“人事”栏目" in text
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["测试县乙局", "已公布", "2025年2月10日", "1月31日", "逾期"] in rows


def test_a_supervisor_cannot_supervise_another_region(client_as, region):
    elsewhere = factories.AgencyFactory(name="另一县人民政府")
    client = client_as(region.users["supervisor"])
    response = client.get(reverse("workspace:supervision"), {"region": elsewhere.pk})
    assert response.status_code == 403
