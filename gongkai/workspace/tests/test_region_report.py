"""The region's report in the workspace: the units and where their figures come
from, the figures of an imported report marked in the drill-down, and the
county's office head taking it from draft to published."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.accounts.models import User
from gongkai.agencies.models import Agency
from gongkai.reports.data import CellRef
from gongkai.reports.formats import get_format
from gongkai.reports.models import ReportVersion
from gongkai.reports.services import narrative_save
from gongkai.reports.tests.helpers import imported_report
from gongkai.testing import factories
from gongkai.workspace.drilldown import cell_refs

pytestmark = pytest.mark.django_db
YEAR = 2021
RECEIVED = CellRef("三", "一、本年新收政府信息公开申请数量", "申请人情况/总计")
BUSINESS = CellRef(
    "三", "一、本年新收政府信息公开申请数量", "申请人情况/法人或其他组织/商业企业"
)


@pytest.fixture
def units(region):
    """甲局 keeps its ledger here (one application); 丙局 only published its
    report elsewhere, read in by the importer; 丁局 has neither."""
    factories.ApplicationFactory(agency=region.a, received_on=date(YEAR, 3, 1))
    c = factories.AgencyFactory(
        name="测试县丙局", level=Agency.Level.COUNTY, parent=region.county
    )
    factories.AgencyFactory(
        name="测试县丁局", level=Agency.Level.COUNTY, parent=region.county
    )
    region.imported = imported_report(c, YEAR)
    region.users["county_head"] = factories.UserFactory(
        username="head_county", role=User.Role.OFFICE_HEAD, agency=region.county
    )
    return region


def _url(name, agency, *extra, region=True, **query):
    url = reverse(f"workspace:{name}", args=[agency.pk, YEAR, *extra])
    query = {**query, **({"region": 1} if region else {})}
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_regions_preview_reads_its_units_attested_figures_once(client_as, units):
    """The units' sources are told from the rows the preview's build read: the
    attested figures are asked once per page, not once more for the list."""
    with CaptureQueriesContext(connection) as read:
        page = client_as(units.users["supervisor"]).get(_url("report", units.county))

    assert page.status_code == 200
    attested = [
        q["sql"]
        for q in read.captured_queries
        if 'FROM "agencies_attestedfigure"' in q["sql"] and "SUM(" in q["sql"]
    ]
    assert len(attested) == 1


def test_the_regions_preview_lists_each_unit_and_where_its_figures_come_from(
    client_as, units
):
    page = client_as(units.users["supervisor"]).get(_url("report", units.county))

    html = page.content.decode()
    listed = {u.agency.name: u.source for u in page.context["units"]}
    assert listed == {
        "测试县人民政府": "ledger",
        "测试县甲局": "ledger",
        "测试县乙局": "missing",
        "测试县丙局": "imported",
        "测试县丁局": "missing",
    }
    assert "来自已导入的公开年报：" in html
    assert "测试县丙局2021年年报.html" in html
    assert "cell--imported" in html


def test_a_cell_with_imported_figures_names_the_report_they_came_from(client_as, units):
    number = cell_refs(get_format("2021")).index(RECEIVED)
    client = client_as(units.users["supervisor"])

    page = client.get(_url("report_cell", units.county, format=2021, cell=number))

    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["cell"].value == 1 + 2  # 甲局's one, 丙局's two
    assert "来自已导入的公开年报：" in html
    detail = reverse("importer:detail", args=[units.imported.pk])
    assert f'href="{detail}"' in html
    assert "测试县丙局：2" in html
    assert page.context["page_obj"].paginator.count == 1  # 甲局's application


def test_a_cell_of_the_ledger_alone_is_not_marked(client_as, units):
    number = cell_refs(get_format("2021")).index(BUSINESS)
    client = client_as(units.users["supervisor"])

    page = client.get(_url("report_cell", units.county, format=2021, cell=number))

    assert page.status_code == 200
    assert "来自已导入的公开年报" not in page.content.decode()


def test_the_county_publishes_the_regions_report_from_its_page(client_as, units):
    head = units.users["county_head"]
    for section in get_format("2021").sections:
        if section.narrative:
            narrative_save(
                acting_user=head,
                agency=units.county,
                year=YEAR,
                key=section.narrative,
                text="本年度，本县依法做好政府信息公开工作。",
                region=True,
            )
    client = client_as(head)

    for step in ("submit", "sign_off", "publish"):
        response = client.post(_url("report_step", units.county, step))
        assert response.status_code == 302
        assert response["Location"].endswith("?region=1")

    version = ReportVersion.objects.get()
    assert (version.agency, version.region) == (units.county, True)
    page = client.get(_url("report", units.county))
    assert page.context["state"] == "published"
    own = client.get(_url("report", units.county, region=False))
    assert own.context["state"] == "draft"


def test_the_supervisor_sees_each_units_report_compiled_and_published(client_as, units):
    page = client_as(units.users["supervisor"]).get(
        reverse("workspace:supervision") + f"?year={YEAR}"
    )

    rows = {r.name: (r.compiled, r.remark) for r in page.context["compilation"]}
    assert rows == {
        "测试县人民政府（本地区汇总）": ("编制中", "未发布"),
        "测试县人民政府": ("编制中", "未发布"),
        "测试县甲局": ("编制中", "未发布"),
        "测试县乙局": ("未编制", "未发布"),
        "测试县丙局": ("已完成（已导入的公开年报）", "按时发布"),
        "测试县丁局": ("未编制", "未发布"),
    }
    html = page.content.decode()
    assert "2021年度报告编制公布情况" in html
    assert "2022-01-20" in html  # 丙局's imported report, published on time
