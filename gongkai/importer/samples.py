"""Sample reports for the import benchmark and the tests: every cell of a format
given its own figure, so that a figure read into the wrong cell cannot pass.

Figures count up in the format's order; 「本年增/减」 cells alternate negative and
positive; amounts in 万元 carry a fraction; the second cell and the last but one
are left blank (they must come back blank, not 0).
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.reports.data import AgencyRef, ReportData, Section
from gongkai.reports.formats import Format

# A year each format covers (variants take their parent's range).
SAMPLE_YEARS = {
    "legacy": 2017,
    "shandong-legacy": 2016,
    "2019": 2019,
    "guizhou-2019": 2020,
}


def sample_report(fmt: Format, agency: str = "青溪县卫生健康局") -> ReportData:
    report = ReportData(
        format=fmt.id,
        agency=AgencyRef(agency),
        year=SAMPLE_YEARS.get(fmt.id, 2023),
        sections=[Section("一、总体情况", "本年度工作情况良好。", "overview")],
    )
    specs = list(fmt.cells())
    for number, spec in enumerate(specs, start=1):
        value: int | Decimal = -number if spec.signed and number % 2 == 0 else number
        if spec.unit == "万元":
            value = Decimal(number) + Decimal("0.25")
        report.set(spec.ref, value)
    for blank in (specs[1], specs[-2]):
        report.set(blank.ref, None)
    return report
