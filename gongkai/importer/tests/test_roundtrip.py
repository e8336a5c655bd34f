"""A report gongkai renders (HTML, DOCX, PDF, XLSX, text) imports back to exactly
the same cells, in every format.

The test reports (``importer.samples``) give every cell its own figure, so that a
figure read into the wrong cell cannot go unnoticed; two cells are blank and must
come back blank, not 0. One more report is computed from a random ledger.
"""

from __future__ import annotations

import pytest

from gongkai.importer.importing import limits_from_settings
from gongkai.importer.parsing import parse_document
from gongkai.importer.readers import read_document
from gongkai.importer.samples import sample_report
from gongkai.reports.builder import build_report
from gongkai.reports.data import ReportData
from gongkai.reports.formats import Format, get_format
from gongkai.reports.render import render
from gongkai.testing.factories import AgencyFactory
from gongkai.testing.ledgers import LedgerSize, random_ledger

FAST_KINDS = ("text", "html", "docx", "xlsx")
FORMATS = ("legacy", "2019", "2021", "guizhou-2019", "shandong-legacy")


def imported(report: ReportData, fmt: Format, kind: str) -> ReportData:
    content = render(report, fmt, kind)
    name = f"report.{'txt' if kind == 'text' else kind}"
    return parse_document(read_document(content, name, limits_from_settings())).report


def differences(expected: ReportData, got: ReportData) -> list[str]:
    return [
        f"{ref}: {cell.value!r} → {got.value(ref.table, ref.row, ref.column)!r}"
        for ref, cell in expected.cells.items()
        if got.value(ref.table, ref.row, ref.column) != cell.value
    ]


@pytest.mark.parametrize("kind", FAST_KINDS)
@pytest.mark.parametrize("format_id", FORMATS)
def test_a_rendered_report_imports_back_cell_for_cell(format_id, kind):
    fmt = get_format(format_id)
    report = sample_report(fmt)
    got = imported(report, fmt, kind)
    assert (got.format, got.agency.name, got.year) == (
        format_id,
        report.agency.name,
        report.year,
    )
    assert differences(report, got) == []
    assert len(got.cells) == len(report.cells)


@pytest.mark.slow
@pytest.mark.parametrize("format_id", ("legacy", "2019", "2021"))
def test_a_rendered_pdf_imports_back_cell_for_cell(format_id):
    """The PDF's tables are ruled, with merged cells and labels printed vertically
    (「三、本年度办理结果」) split by the PDF per character."""
    fmt = get_format(format_id)
    report = sample_report(fmt)
    got = imported(report, fmt, "pdf")
    assert got.format == format_id
    assert differences(report, got) == []


@pytest.mark.slow
@pytest.mark.django_db
def test_a_report_built_from_the_ledger_imports_back_from_every_rendering():
    """A 2021-format report computed by gongkai from a small random ledger."""
    agency = AgencyFactory(name="青溪县自然资源局")
    random_ledger(
        agency,
        years=[2022],
        seed=5,
        size=LedgerSize(items=40, applications=30, activities=10),
    )
    fmt = get_format("2021")
    report = build_report(agency=agency, year=2022, fmt=fmt)
    for kind in (*FAST_KINDS, "pdf"):
        got = imported(report, fmt, kind)
        assert differences(report, got) == [], kind
