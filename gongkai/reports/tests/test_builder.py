"""Building whole reports: every format, random ledgers, narrative, past years."""

from datetime import date

import pytest

from gongkai.reports.builder import build_report, previous_report
from gongkai.reports.data import Finding
from gongkai.reports.formats import all_formats, get_format
from gongkai.reports.services import report_publish
from gongkai.reports.tests.helpers import signed_off
from gongkai.testing import factories as f
from gongkai.testing.ledgers import LedgerSize, random_ledger

pytestmark = pytest.mark.django_db

YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022]
PLACEHOLDERS = "NARR.placeholders"


def of_figures(findings: list[Finding]) -> list[Finding]:
    """The findings about figures: a report nobody has written yet keeps the
    draft's 【…】, which the placeholder check reports (tested on its own)."""
    return [f for f in findings if f.rule != PLACEHOLDERS]


CARRIED_IN = "二、上年结转政府信息公开申请数量"
TOTAL = "申请人情况/总计"


@pytest.mark.parametrize("format_id", sorted(all_formats()))
def test_every_cell_of_every_format_is_filled_with_its_source(agency, format_id):
    fmt = get_format(format_id)
    f.ApplicationFactory(agency=agency, received_on=date(fmt.first_year, 5, 6))

    report = build_report(agency=agency, year=fmt.first_year, fmt=fmt)

    assert set(report.cells) == {spec.ref for spec in fmt.cells()}
    for cell in report.cells.values():
        assert cell.source["kind"] in {"ledger", "attested"}
        if cell.source["kind"] == "ledger" and cell.source["indicator"] != (
            "agencies.profile"
        ):
            assert cell.value is not None, cell.ref  # counts are numbers, never blank
    assert [s.heading for s in report.sections] == [
        s.full_heading for s in fmt.sections
    ]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_report_built_from_any_ledger_passes_every_check(agency, government, seed):
    """Random ledgers, every format, an agency and a region: no finding about a
    figure (the narrative is the draft, whose 【…】 only the agency can fill).

    Attested figures are random too, but only the national ones: a provincial
    table's checks between attested figures (opinions adopted ≤ opinions made) are
    there to catch what people attest inconsistently.
    """
    random_ledger(agency, years=YEARS, seed=seed)
    for unit in government.children.all():
        random_ledger(unit, years=YEARS, seed=seed * 100 + unit.pk)

    for fmt in all_formats().values():
        for year in (fmt.first_year, fmt.first_year + 1):
            for who, region in ((agency, False), (government, True)):
                report = build_report(agency=who, year=year, fmt=fmt, region=region)
                assert of_figures(report.findings) == [], (fmt.id, year, region)
                assert {f.rule for f in report.findings} <= {PLACEHOLDERS}


def test_the_random_ledger_exercises_what_the_checks_compare(agency):
    """The test above means something only if the ledger has carry-overs, pending
    cases and every outcome."""
    random_ledger(agency, years=YEARS, seed=11, size=LedgerSize(applications=200))
    report = build_report(agency=agency, year=2021, fmt=get_format("2021"))

    assert report.value("三", CARRIED_IN, TOTAL) > 0
    assert report.value("四", "", "行政复议/尚未审结") > 0
    outcomes = [
        c.value
        for c in report.table_cells("三")
        if c.ref.column == TOTAL and c.ref.row.startswith("三、本年度办理结果/（")
    ]
    assert sum(1 for v in outcomes if v) >= 6


@pytest.mark.parametrize(
    ("year", "format_id"), [(2017, "legacy"), (2020, "2019"), (2024, "2021")]
)
def test_a_year_is_built_in_its_own_national_format(agency, year, format_id):
    assert build_report(agency=agency, year=year).format == format_id


def test_the_narrative_is_what_staff_wrote_else_a_draft_from_the_cells(agency):
    f.ApplicationFactory.create_batch(3, agency=agency, received_on=date(2021, 4, 1))
    f.NarrativeFactory(agency=agency, year=2021, key="problems", text="人手不足。")

    report = build_report(agency=agency, year=2021, fmt=get_format("2021"))

    assert report.section("problems").text == "人手不足。"
    overview = report.section("overview").text
    assert "新收政府信息公开申请3件" in overview
    assert of_figures(report.findings) == []
    # What staff wrote has no 【…】 left; the draft's sections still do.
    assert {f.message.split("」")[0] for f in report.findings} == {
        "「一、总体情况",
        "「六、其他需要报告的事项",
    }


def test_a_written_figure_that_disagrees_with_the_tables_is_found(agency):
    f.ApplicationFactory.create_batch(3, agency=agency, received_on=date(2021, 4, 1))
    f.NarrativeFactory(
        agency=agency, year=2021, text="本年度新收政府信息公开申请5件，上年结转0件。"
    )

    report = build_report(agency=agency, year=2021, fmt=get_format("2021"))

    assert [finding.rule for finding in of_figures(report.findings)] == ["NARR.figures"]


def test_carry_over_is_checked_against_what_was_published_last_year(agency, staff_user):
    f.ApplicationFactory(agency=agency, received_on=date(2020, 12, 28))
    signed_off(agency, 2020)
    report_publish(agency=agency, year=2020, acting_user=staff_user)
    # Found later: an application of December 2020 that nobody had recorded.
    f.ApplicationFactory(agency=agency, received_on=date(2020, 12, 29))

    report = build_report(agency=agency, year=2021)

    assert report.value("三", CARRIED_IN, TOTAL) == 2
    assert {(x.rule, x.severity) for x in of_figures(report.findings)} == {
        ("T3.carry_over", "warning")
    }


def test_last_years_cells_are_computed_when_nothing_was_published(agency):
    f.ApplicationFactory(agency=agency, received_on=date(2020, 12, 28))

    previous = previous_report(agency=agency, year=2021, fmt=get_format("2021"))

    assert previous.format == "2019"
    assert previous.value("三", "四、结转下年度继续办理", TOTAL) == 1
    assert all(c.ref.row == "四、结转下年度继续办理" for c in previous.cells.values())
