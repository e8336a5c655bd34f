"""A government's report of its region: its own ledger, every unit's under it, and
the imported published report of a unit outside the ledger, summed cell by cell;
published through the same review, freeze and period lock as an agency's own."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.agencies.periods import year_is_closed
from gongkai.applications import services as applications
from gongkai.core.events import events_for
from gongkai.core.workflow import Refused
from gongkai.reports.builder import build_report
from gongkai.reports.data import ReportData
from gongkai.reports.formats import get_format
from gongkai.reports.models import ReportReview, ReportVersion
from gongkai.reports.region import (
    MISSING_RULE,
    UnitSource,
    ledger_agency_ids,
    region_units,
)
from gongkai.reports.selectors import imported_for, latest_version, report_state
from gongkai.reports.services import (
    narrative_save,
    report_correct,
    report_publish,
    report_publish_through_review,
)
from gongkai.reports.tests.helpers import imported_report
from gongkai.testing import factories as f

pytestmark = pytest.mark.django_db

YEAR = 2021
RECEIVED = ("三", "一、本年新收政府信息公开申请数量", "申请人情况/总计")


def _applications(agency: Agency, received: int, closed: int) -> None:
    for n in range(received):
        f.ApplicationFactory(
            agency=agency, received_on=date(YEAR, 3, 1 + n), closed=n < closed
        )


@pytest.fixture
def region(government):
    """测试县: the government (1 application), 教育局 (3) and 卫生健康局 (2) in
    the ledger, 自然资源局 only as an imported report, 市场监管局 with nothing."""
    education, health = government.children.order_by("name")
    natural = f.AgencyFactory(
        name="测试县自然资源局", level=Agency.Level.COUNTY, parent=government
    )
    market = f.AgencyFactory(
        name="测试县市场监督管理局", level=Agency.Level.COUNTY, parent=government
    )
    _applications(government, received=1, closed=1)
    _applications(education, received=3, closed=2)
    _applications(health, received=2, closed=2)
    f.AdministrativeReviewFactory(agency=health, filed_on=date(YEAR, 6, 1))
    imported = imported_report(natural, YEAR)
    return {
        "government": government,
        "ledger": [government, education, health],
        "natural": natural,
        "market": market,
        "imported": imported,
    }


def _value(report: ReportData, ref) -> int:
    return report.cells[ref].value or 0 if ref in report.cells else 0


def test_the_regions_table_three_is_the_sum_of_its_units_cell_by_cell(region):
    """Table 三 of the region equals the units' tables added up, the imported
    report's figures included, and nothing counted for the missing unit."""
    fmt = get_format("2021")
    report = build_report(agency=region["government"], year=YEAR, fmt=fmt, region=True)
    units = [build_report(agency=a, year=YEAR, fmt=fmt) for a in region["ledger"]]
    units.append(ReportData.from_dict(region["imported"].data))

    refs = [ref for ref in report.cells if ref.table == "三"]
    assert len(refs) > 100
    for ref in refs:
        assert _value(report, ref) == sum(_value(u, ref) for u in units), ref
    assert report.value(*RECEIVED) == 1 + 3 + 2 + 2


def test_the_imported_figures_are_named_in_the_cells_provenance(region):
    report = build_report(agency=region["government"], year=YEAR, region=True)

    cell = next(
        c
        for c in report.cells.values()
        if (c.ref.table, c.ref.row, c.ref.column) == RECEIVED
    )
    (imported,) = imported_for(cell.source)
    assert imported["unit"] == "测试县自然资源局"
    assert imported["value"] == 2
    assert "测试县自然资源局2021年年报.html" in imported["title"]
    assert imported["url"].endswith(f"/{region['imported'].pk}/")
    assert cell.source["kind"] == "ledger"  # the ledger's records stay traceable


def test_each_unit_is_listed_with_where_its_figures_come_from(region):
    units = region_units(agency=region["government"], year=YEAR, fmt=get_format("2021"))

    sources = {u.agency.name: u.source for u in units}
    assert sources == {
        "测试县人民政府": UnitSource.LEDGER,
        "测试县教育局": UnitSource.LEDGER,
        "测试县卫生健康局": UnitSource.LEDGER,
        "测试县自然资源局": UnitSource.IMPORTED,
        "测试县市场监督管理局": UnitSource.MISSING,
    }


@pytest.mark.parametrize("asked_by_id", [100, 0], ids=["few-left", "many-left"])
def test_a_unit_whose_only_record_is_in_its_catalogue_keeps_a_ledger(
    region, asked_by_id, monkeypatch
):
    """Units are looked for in the smallest kinds of records first; one found only
    in the largest, its catalogue, is in the ledger all the same, whether the
    units left are asked about by their ids or the whole region is read."""
    monkeypatch.setattr("gongkai.reports.region._ASKED_BY_ID", asked_by_id)
    f.ItemFactory(agency=region["market"], normative=True, formed_on=date(YEAR, 5, 1))

    units = region_units(agency=region["government"], year=YEAR, fmt=get_format("2021"))

    assert {u.agency.name: u.source for u in units}["测试县市场监督管理局"] == (
        UnitSource.LEDGER
    )


def test_once_every_unit_is_found_no_larger_kind_of_record_is_read(region):
    """Every unit attests its figures here: who keeps a ledger is answered
    without reading a single application or catalogue item."""
    units = [*region["ledger"][1:], region["natural"], region["market"]]
    for unit in units:
        f.AttestedFigureFactory(agency=unit, year=YEAR)

    with CaptureQueriesContext(connection) as read:
        found = ledger_agency_ids(
            agency=region["government"], year=YEAR, fmt=get_format("2021")
        )

    assert found == {region["government"].pk, *(unit.pk for unit in units)}
    tables = " ".join(query["sql"] for query in read.captured_queries)
    assert "agencies_attestedfigure" in tables
    assert "applications_application" not in tables
    assert "catalog_item" not in tables


def test_a_missing_unit_is_named_in_the_regions_report(region):
    report = build_report(agency=region["government"], year=YEAR, region=True)

    (missing,) = [x for x in report.findings if x.rule == MISSING_RULE]
    assert "测试县市场监督管理局" in missing.message
    assert "测试县自然资源局" not in missing.message
    assert missing.severity == "warning"


def test_a_unit_keeping_a_ledger_is_not_counted_twice_from_an_imported_report(region):
    education = region["ledger"][1]
    imported_report(education, YEAR)

    report = build_report(agency=region["government"], year=YEAR, region=True)

    assert report.value(*RECEIVED) == 8


def _write_narratives(government: Agency) -> None:
    fmt = get_format("2021")
    for section in fmt.sections:
        if section.narrative:
            narrative_save(
                acting_user=None,
                agency=government,
                year=YEAR,
                key=section.narrative,
                text="本年度，本地区依法做好政府信息公开工作。",
                region=True,
            )


def test_the_region_publishes_its_report_through_the_review(region):
    government = region["government"]
    _write_narratives(government)

    version = report_publish_through_review(
        acting_user=None, agency=government, year=YEAR, region=True
    )

    assert (version.region, version.number, version.format) == (True, 1, "2021")
    snapshot = ReportData.from_dict(version.snapshot)
    assert snapshot.value(*RECEIVED) == 8
    assert report_state(agency=government, year=YEAR, region=True) == "published"
    # The government's own report is another report, still to be compiled.
    assert report_state(agency=government, year=YEAR) == "draft"
    assert latest_version(agency=government, year=YEAR) is None
    review = ReportReview.objects.get(agency=government, year=YEAR, region=True)
    assert {e.verb for e in events_for(review)} == {
        "report_submitted",
        "report_signed_off",
    }
    (published,) = events_for(version)
    assert published.data["region"] is True


def test_a_second_publication_of_the_region_is_refused(region):
    government = region["government"]
    _write_narratives(government)
    report_publish_through_review(
        acting_user=None, agency=government, year=YEAR, region=True
    )

    with pytest.raises(Refused, match="含所属单位汇总") as refused:
        report_publish(acting_user=None, agency=government, year=YEAR, region=True)

    assert refused.value.code == "already_published"
    assert ReportVersion.objects.filter(region=True).count() == 1


def test_publishing_the_region_locks_the_year_of_every_unit_it_counted(region):
    government = region["government"]
    education = region["ledger"][1]
    _write_narratives(government)
    report_publish_through_review(
        acting_user=None, agency=government, year=YEAR, region=True
    )

    assert all(year_is_closed(agency=a, year=YEAR) for a in region["ledger"])
    # Counted from an imported report, or not at all: nothing here to lock.
    assert not year_is_closed(agency=region["natural"], year=YEAR)
    assert not year_is_closed(agency=region["market"], year=YEAR)
    with pytest.raises(Refused) as refused:
        applications.application_register(
            acting_user=None,
            agency=education,
            received_on=date(YEAR, 11, 3),
            channel="in_person",
            applicant=applications.ApplicantDetails(
                name="张三", applicant_type="natural_person", id_kind="", id_number=""
            ),
            description="2021年度部门决算",
        )
    assert refused.value.code == "year_closed"


def test_an_agency_without_units_has_no_region_report(agency):
    with pytest.raises(Refused) as refused:
        report_publish_through_review(
            acting_user=None, agency=agency, year=YEAR, region=True
        )
    assert refused.value.code == "no_region"


def test_the_public_reads_the_regions_report_beside_the_governments_own(region, client):
    government = region["government"]
    _write_narratives(government)
    version = report_publish_through_review(
        acting_user=None, agency=government, year=YEAR, region=True
    )

    listing = client.get(reverse("portal:reports", args=[government.pk]))
    page = client.get(
        reverse("portal:report", args=[government.pk, YEAR]), {"region": "1"}
    )
    download = client.get(
        reverse("portal:report_download", args=[government.pk, YEAR, "json"]),
        {"region": "1"},
    )
    own = client.get(reverse("portal:report", args=[government.pk, YEAR]))

    assert "2021年度报告（含所属单位汇总）" in listing.content.decode()
    assert page.status_code == 200
    assert "汇总本机关及所属各单位" in page.content.decode()
    assert version.sha256 in page.content.decode()
    assert quote("含所属单位汇总") in download["Content-Disposition"]
    assert ReportData.from_json(download.content.decode()).value(*RECEIVED) == 8
    assert own.status_code == 404  # the government's own report is not published


def test_a_correction_of_the_region_adds_a_version_with_the_imported_figures_anew(
    region,
):
    """The imported report replaced by a corrected one: the region's correction
    counts the new figures, and the first version stays as published."""
    government = region["government"]
    _write_narratives(government)
    first = report_publish_through_review(
        acting_user=None, agency=government, year=YEAR, region=True
    )
    replaced = region["imported"]
    replaced.replaced_at = replaced.created_at
    replaced.save()
    imported_report(region["natural"], YEAR, received=5)

    second = report_correct(
        acting_user=None,
        agency=government,
        year=YEAR,
        reason="自然资源局更正了其年度报告",
        region=True,
    )

    assert (second.number, second.region) == (2, True)
    assert ReportData.from_dict(second.snapshot).value(*RECEIVED) == 6 + 5
    first.refresh_from_db()
    assert ReportData.from_dict(first.snapshot).value(*RECEIVED) == 8
