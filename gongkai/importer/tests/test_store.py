"""Imported reports are kept per agency and year, replaced with history, compared
year over year and across a region's units, checked for copied wording, and
scored for quality rule by rule."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.accounts.models import User
from gongkai.core.events import events_for
from gongkai.importer import quality
from gongkai.importer.importing import ImportOutcome, import_bytes, limits_from_settings
from gongkai.importer.models import ImportedReport
from gongkai.importer.names import is_government, region_of
from gongkai.importer.parsing import ParseOptions
from gongkai.importer.selectors import (
    current_reports,
    report_history,
    report_quality,
    report_year_over_year,
    side_by_side,
    similar_reports,
    trend,
)
from gongkai.importer.services import imported_report_store
from gongkai.reports.data import AgencyRef, ReportData, Section
from gongkai.reports.formats import get_format
from gongkai.reports.render import render
from gongkai.testing import factories

from .helpers import seed

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
CARRIED_OUT = "四、结转下年度继续办理"
TOTAL = "申请人情况/总计"

WORDING = (
    "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，健全工作机制，"
    "加强组织领导，明确专人负责，主动公开政府信息，及时回应社会关切，依法办理"
    "政府信息公开申请，不断提高政府信息公开工作的质量和水平。"
)


@pytest.fixture
def supervisor(db, agency):
    """Who imports the published reports of a region's units."""
    return factories.UserFactory(
        username="zhou", role=User.Role.SUPERVISOR, agency=agency
    )


def outcome(data: bytes, name: str, **options: object) -> ImportOutcome:
    result = import_bytes(data, name, limits_from_settings(), ParseOptions(**options))  # type: ignore[arg-type]
    assert result.ok, result.error
    return result


def seed_outcome(number: str) -> ImportOutcome:
    path = seed(number)
    return outcome(path.read_bytes(), path.name)


def rendered_text(
    agency: str, year: int, table_3: dict[tuple[str, str], int], text: str
) -> bytes:
    """A report gongkai renders to text (2019 or 2021 format)."""
    fmt = get_format("2019" if year < 2021 else "2021")
    report = ReportData(
        format=fmt.id,
        agency=AgencyRef(agency),
        year=year,
        sections=[Section("一、总体情况", text, "overview")],
    )
    for spec in fmt.cells():
        report.set(spec.ref, table_3.get((spec.ref.row, spec.ref.column), 0))
    return render(report, fmt, "text")


def rendered(
    agency: str, year: int, table_3: dict[tuple[str, str], int], text: str
) -> ImportOutcome:
    """The same, imported."""
    return outcome(rendered_text(agency, year, table_3, text), f"{agency}{year}.txt")


def balanced(new: int, carried_in: int, closed: int) -> dict[tuple[str, str], int]:
    """Table 三's totals of a year that balances, all from natural persons."""
    out = new + carried_in - closed
    rows = {
        NEW: new,
        CARRIED_IN: carried_in,
        "三、本年度办理结果/（一）予以公开": closed,
        "三、本年度办理结果/（七）总计": closed,
        CARRIED_OUT: out,
    }
    cells = {}
    for row, value in rows.items():
        cells[(row, TOTAL)] = value
        cells[(row, "申请人情况/自然人")] = value
    return cells


# -- storing ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_storing_a_report_keeps_it_current_with_its_region_and_an_event(supervisor):
    stored, changed = imported_report_store(
        outcome=seed_outcome("003"), acting_user=supervisor
    )
    assert changed
    assert (stored.agency_name, stored.year, stored.format, stored.region) == (
        "兴义市应急管理局",
        2019,
        "guizhou-2019",
        "兴义市",
    )
    assert stored.published_on == date(2020, 1, 20)
    assert stored.tables_found == {
        "二": True,
        "三": True,
        "四": True,
        "政府信息公开情况统计表": True,
    }
    assert stored.data["schema"] == "gongkai.annual-report/1"
    assert [e.verb for e in events_for(stored)] == ["report_imported"]


@pytest.mark.django_db
def test_importing_again_replaces_the_report_and_keeps_the_old_one(supervisor):
    first, _ = imported_report_store(
        outcome=seed_outcome("002"), acting_user=supervisor
    )
    corrected = seed("002").read_bytes().replace(b"63 |", b"64 |")
    second, changed = imported_report_store(
        outcome=outcome(corrected, seed("002").name), acting_user=supervisor
    )
    first.refresh_from_db()
    assert changed
    assert first.replaced_by == second and first.replaced_at is not None
    assert list(current_reports(year=2017)) == [second]
    assert list(report_history(second)) == [second, first]
    assert events_for(second).get().data["replaced"] == first.pk


@pytest.mark.django_db
def test_the_same_file_imported_again_changes_nothing(supervisor):
    first, _ = imported_report_store(
        outcome=seed_outcome("004"), acting_user=supervisor
    )
    again, changed = imported_report_store(
        outcome=seed_outcome("004"), acting_user=supervisor
    )
    assert (again, changed) == (first, False)
    assert ImportedReport.objects.count() == 1


# -- comparing ---------------------------------------------------------------------


@pytest.mark.django_db
def test_year_over_year_holds_this_years_carried_in_against_last_years_carried_out():
    imported_report_store(
        outcome=rendered("测试县教育局", 2020, balanced(10, 0, 7), WORDING),
        acting_user=None,
    )
    this, _ = imported_report_store(
        outcome=rendered("测试县教育局", 2021, balanced(12, 2, 13), WORDING),
        acting_user=None,
    )
    comparison = report_year_over_year(this)
    changes = {
        c.figure.id: (c.previous, c.current, c.difference) for c in comparison.changes
    }
    assert changes["received"] == (10, 12, 2)
    assert changes["carried_out"] == (3, 1, -2)
    (finding,) = [f for f in comparison.carry_over if "「总计」" in f.message]
    assert finding.rule == "T3.carry_over"
    assert "本年上年结转为2，上一年度报告结转下年度继续办理为3" in finding.message


@pytest.mark.django_db
def test_a_regions_units_side_by_side_and_an_agencys_trend():
    for agency, new in (("测试县教育局", 5), ("测试县卫生健康局", 9)):
        imported_report_store(
            outcome=rendered(
                agency, 2021, balanced(new, 0, new), f"{agency}：{WORDING}"
            ),
            acting_user=None,
        )
    imported_report_store(
        outcome=rendered("测试县教育局", 2022, balanced(7, 0, 7), WORDING),
        acting_user=None,
    )
    rows = side_by_side(region="测试县", year=2021)
    assert [(r.report.agency_name, r.figures["received"], r.errors) for r in rows] == [
        ("测试县卫生健康局", 9, 0),
        ("测试县教育局", 5, 0),
    ]
    assert [(r.report.year, r.figures["received"]) for r in trend("测试县教育局")] == [
        (2021, 5),
        (2022, 7),
    ]


@pytest.mark.django_db
def test_a_report_copied_from_another_agency_is_found_and_loses_originality_points():
    original, _ = imported_report_store(
        outcome=rendered("测试县教育局", 2021, balanced(5, 0, 5), WORDING),
        acting_user=None,
    )
    copy, _ = imported_report_store(
        outcome=rendered(
            "测试县民政局", 2021, balanced(8, 0, 8), WORDING.replace("我局", "本局")
        ),
        acting_user=None,
    )
    unrelated, _ = imported_report_store(outcome=seed_outcome("003"), acting_user=None)
    (similar,) = similar_reports(copy)
    assert similar.report == original and similar.relation == "other"
    assert similar.similarity >= 0.9
    rule = next(r for r in report_quality(copy).rules if r.id == "Q.original")
    assert (rule.earned, rule.points) == (0, 10)
    assert "疑似照抄" in rule.detail
    assert all(s.report != unrelated for s in similar_reports(original))


@pytest.mark.django_db
def test_a_report_like_the_agencys_own_previous_one_is_compared_with_it():
    imported_report_store(
        outcome=rendered("测试县教育局", 2020, balanced(5, 0, 5), WORDING),
        acting_user=None,
    )
    this, _ = imported_report_store(
        outcome=rendered("测试县教育局", 2021, balanced(6, 0, 6), WORDING),
        acting_user=None,
    )
    (previous,) = similar_reports(this)
    assert (previous.report.year, previous.relation) == (2020, "previous")
    assert previous.similarity == pytest.approx(1.0)


# -- quality -----------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_003_earns_every_point():
    stored, _ = imported_report_store(outcome=seed_outcome("003"), acting_user=None)
    score = report_quality(stored)
    assert [(r.id, r.earned) for r in score.rules] == [
        ("Q.sections", 20),
        ("Q.tables", 20),
        ("Q.filled", 10),
        ("Q.checks", 25),
        ("Q.on_time", 15),
        ("Q.original", 10),
    ]
    assert score.total == score.points == 100


@pytest.mark.django_db
def test_seed_004_loses_points_for_its_blanks_and_its_errors():
    """46 of 58 cells blank (12/58 of 10 points); two errors (−10); on time for a
    government's report on 2017 (31 March 2018); 6 of the legacy format's 7
    narrative sections (its 其他需要报告的事项 is missing)."""
    stored, _ = imported_report_store(outcome=seed_outcome("004"), acting_user=None)
    score = {r.id: r for r in report_quality(stored).rules}
    assert score["Q.filled"].earned == pytest.approx(10 * 12 / 58)
    assert score["Q.checks"].earned == 15
    assert score["Q.on_time"].earned == 15
    assert score["Q.sections"].earned == pytest.approx(20 * 6 / 7)
    assert "其他需要报告的事项" in score["Q.sections"].detail


@pytest.mark.parametrize(
    ("year", "government", "due"),
    [
        (2019, False, date(2020, 1, 31)),  # a department (第四十九条第一款)
        (2019, True, date(2020, 3, 31)),  # a government (第四十九条第二款)
        (
            2018,
            False,
            date(2019, 3, 31),
        ),  # before 2019: GONGKAI_IMPORT_DEADLINE_BEFORE_2019
    ],
)
def test_the_deadline_of_a_report(year, government, due):
    assert quality.deadline(year, government, "03-31") == due


@pytest.mark.parametrize(
    ("published", "earned"),
    [(date(2020, 1, 31), 15), (date(2020, 2, 20), 5), (date(2020, 4, 1), 0), (None, 0)],
)
def test_publishing_late_costs_points(published, earned):
    report = ReportData(format="2019", agency=AgencyRef("某局"), year=2019)
    context = quality.Context({}, published, government=False, copied=None)
    rule = next(
        r
        for r in quality.score(report, get_format("2019"), context).rules
        if r.id == "Q.on_time"
    )
    assert rule.earned == earned


# -- names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "region", "government"),
    [
        ("兴义市应急管理局", "兴义市", False),
        ("兴义市市场监督管理局", "兴义市", False),
        ("佳木斯市前进区人民政府", "佳木斯市前进区", True),
        ("绵阳市安州区", "绵阳市安州区", True),
        ("杭州市民政局", "杭州市", False),
        ("贵州省人民政府", "贵州省", True),
        ("黔西南布依族苗族自治州人民政府", "黔西南布依族苗族自治州", True),
        (
            "内蒙古自治区鄂尔多斯市准格尔旗林业局",
            "内蒙古自治区鄂尔多斯市准格尔旗",
            False,
        ),
        ("市民政局", "", False),
    ],
)
def test_the_region_an_agencys_name_starts_with(name, region, government):
    assert (region_of(name), is_government(name)) == (region, government)
