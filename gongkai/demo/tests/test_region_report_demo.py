"""The demo's region report (issue 14): 黔西南州 publishes its 2025 report of the
whole region; 兴义市财政局, outside the ledger, counts with its imported report;
the region's table 三 is the sum of the units' tables, cell by cell."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.demo.loader import demo_load
from gongkai.demo.region_report_demo import YEAR
from gongkai.importer.models import ImportedReport
from gongkai.reports.builder import build_report
from gongkai.reports.data import ReportData
from gongkai.reports.formats import get_format
from gongkai.reports.models import ReportVersion
from gongkai.reports.region import UnitSource, region_units

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_demo_region_publishes_the_sum_of_its_units(client):
    """One test, as the load takes a while (loaded twice: nothing more the
    second time)."""
    demo_load(parts=["synthetic"])
    demo_load(parts=["synthetic"])

    (version,) = ReportVersion.objects.filter(region=True)
    government = version.agency
    assert (government.short_name, version.year) == ("黔西南州", YEAR)
    fmt = get_format(version.format)
    units = region_units(agency=government, year=YEAR, fmt=fmt)
    sources = {u.agency.name: u.source for u in units}
    assert sources["兴义市财政局"] == UnitSource.IMPORTED
    assert sources["兴义市民政局"] == UnitSource.MISSING
    assert sources["青溪县教育局"] == UnitSource.LEDGER
    (imported,) = ImportedReport.objects.filter(year=YEAR, replaced_at__isnull=True)
    assert imported.agency == Agency.objects.get(name="兴义市财政局")
    assert imported.published_on is not None

    published = ReportData.from_dict(version.snapshot)
    shares = [
        build_report(agency=Agency.objects.get(pk=u.agency.pk), year=YEAR, fmt=fmt)
        for u in units
        if u.source == UnitSource.LEDGER
    ] + [ReportData.from_dict(imported.data)]
    table = [ref for ref in published.cells if ref.table == "三"]
    for ref in table:
        expected = sum(share.value(*_parts(ref)) or 0 for share in shares)
        assert (published.value(*_parts(ref)) or 0) == expected, ref
    assert any(ReportData.from_dict(imported.data).value(*_parts(r)) for r in table)

    page = client.get(
        reverse("portal:report", args=[government.pk, YEAR]), {"region": "1"}
    )
    assert page.status_code == 200
    assert "汇总本机关及所属各单位" in page.content.decode()


def _parts(ref):
    return ref.table, ref.row, ref.column
