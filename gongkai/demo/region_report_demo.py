"""The demo's report of a whole region: 黔西南州 publishes its 2025 report, its own
ledger and every unit's under it summed, through the review as any report.

One of its units, 兴义市财政局, keeps no ledger in gongkai: it published its
report on its own website, and that report is read in through the importer
(rendered to text as a government website prints it, then imported and stored by
the importer's own services), so the region counts its figures, marked as
imported. The units with neither (兴义市人民政府 and two of its departments keep no
2025 ledger in the demo) are listed as missing. Idempotent: a second load finds
the imported report and the published version, and changes nothing.
"""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import Agency, AgencyYear
from gongkai.importer.importing import (
    import_bytes,
    limits_from_settings,
    options_from_settings,
)
from gongkai.importer.models import ImportedReport
from gongkai.importer.services import imported_report_store
from gongkai.reports.builder import build_report
from gongkai.reports.data import AgencyRef
from gongkai.reports.formats import national_format_for_year
from gongkai.reports.render import render
from gongkai.reports.selectors import latest_version
from gongkai.reports.services import report_publish_through_review

from .narratives import narratives_write
from .region import QIANXINAN_GOVERNMENT
from .synthetic import LAST_YEAR

YEAR = LAST_YEAR  # the last year of the synthetic ledgers, long finished in 2026
IMPORTED_UNIT = "xingyi-finance"
# Whose 2025 figures stand in for 兴义市财政局's (a synthetic county department
# of the same size; the demo has no real 兴义市财政局 report).
FIGURES_FROM = "qingxi-natural-resources"
PUBLISHED_ON = date(YEAR + 1, 1, 22)


# What the region's office writes where gongkai's draft leaves a 【…】 to fill.
def region_report_demo_ensure(agencies: dict[str, Agency]) -> int:
    """Import 兴义市财政局's published report and publish 黔西南州's report of
    its region on ``YEAR``; returns the versions published now (0 or 1)."""
    government = agencies[QIANXINAN_GOVERNMENT]
    if not AgencyYear.objects.filter(agency=agencies[FIGURES_FROM], year=YEAR).exists():
        return 0  # the synthetic county is not loaded: nothing to sum yet
    imported_ensure(agencies[IMPORTED_UNIT], agencies[FIGURES_FROM])
    if latest_version(agency=government, year=YEAR, region=True) is not None:
        return 0
    narratives_write(government, YEAR, None, region=True)
    report_publish_through_review(
        acting_user=None, agency=government, year=YEAR, region=True
    )
    return 1


def imported_ensure(unit: Agency, figures_from: Agency) -> ImportedReport:
    """``unit``'s published report on ``YEAR``, read in by the importer (once)."""
    found = ImportedReport.objects.filter(
        agency=unit, year=YEAR, replaced_at__isnull=True
    ).first()
    if found is not None:
        return found
    fmt = national_format_for_year(YEAR)
    report = build_report(agency=figures_from, year=YEAR, fmt=fmt)
    report.agency = AgencyRef(unit.name, unit.credit_code)
    report.findings = []
    name = f"{unit.name}{YEAR}年政府信息公开工作年度报告.txt"
    outcome = import_bytes(
        _as_published(render(report, fmt, "text")),
        name,
        limits_from_settings(),
        options_from_settings(),
    )
    stored, _ = imported_report_store(outcome=outcome, acting_user=None)
    if stored.agency_id != unit.pk:  # the name matched no agency, or several
        raise RuntimeError(f"导入的年度报告未能对应到{unit.name}")
    return stored


def _as_published(text: bytes) -> bytes:
    """The text as the unit's website prints it: the title, then who published
    it and when."""
    title, _, rest = text.decode("utf-8").partition("\n")
    published = f"发布日期：{PUBLISHED_ON:%Y-%m-%d}"
    return f"{title}\n{published}\n{rest}".encode()
