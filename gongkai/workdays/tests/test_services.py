"""Keeping the calendar: the seeded years, corrections by staff, and the commands."""

from datetime import date

import pytest
from click.testing import CliRunner
from django.core.exceptions import ValidationError

from gongkai.core.events import events_for
from gongkai.workdays.cli import workdays
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.selectors import work_calendar
from gongkai.workdays.services import (
    calendar_day_set,
    calendar_import_package,
    calendar_year_load,
)
from gongkai.workdays.signals import calendar_changed

pytestmark = pytest.mark.django_db
D = date


def test_the_package_years_are_loaded_by_the_migration():
    assert set(range(2004, 2027)) <= set(
        CalendarYear.objects.values_list("year", flat=True)
    )
    worked = CalendarDay.objects.get(day=D(2024, 2, 4))
    assert (worked.kind, worked.name) == ("workday", "春节调休")
    assert work_calendar().nth_after(D(2025, 9, 26), 20) == D(2025, 10, 30)


def test_staff_can_enter_a_year_the_package_lacks():
    assert 2027 not in work_calendar().years
    calendar_year_load(
        acting_user=None,
        year=2027,
        holidays={D(2027, 1, 1): "元旦"},
        workdays={},
        notice="国办发明电〔2026〕X号",
    )
    calendar = work_calendar()
    assert 2027 in calendar.years and not calendar.is_workday(D(2027, 1, 1))
    loaded = CalendarYear.objects.get(year=2027)
    assert events_for(loaded).first().data["changed"] == ["2027-01-01"]


def test_correcting_one_day_is_recorded_and_announced():
    heard = []

    def listener(sender, *, years, calendar, **kwargs):
        heard.append((years, calendar.is_workday(D(2025, 6, 30))))

    calendar_changed.connect(listener)
    try:
        calendar_day_set(
            acting_user=None, day=D(2025, 6, 30), kind="holiday", name="测试"
        )
    finally:
        calendar_changed.disconnect(listener)
    assert heard == [([2025], False)]
    event = events_for(CalendarYear.objects.get(year=2025)).first()
    assert (event.verb, event.data["before"], event.data["after"]) == (
        "calendar_day_changed",
        "normal",
        "holiday",
    )
    calendar_day_set(acting_user=None, day=D(2025, 6, 30), kind="normal")
    assert work_calendar().is_workday(D(2025, 6, 30))


@pytest.mark.parametrize(
    ("day", "kind", "name", "message"),
    [
        (D(2025, 6, 30), "workday", "调休", "本来就是工作日"),
        (D(2025, 6, 28), "workday", "", "请填写节日名称"),
        (D(2025, 6, 28), "day_off", "x", "未知的日期类型"),
    ],
)
def test_impossible_corrections_are_refused(day, kind, name, message):
    with pytest.raises(ValidationError, match=message):
        calendar_day_set(acting_user=None, day=day, kind=kind, name=name)


def test_a_year_cannot_hold_another_years_days():
    with pytest.raises(ValidationError, match="不在 2027 年内"):
        calendar_year_load(
            acting_user=None, year=2027, holidays={D(2028, 1, 1): "元旦"}, workdays={}
        )


def test_the_package_import_refuses_years_it_does_not_cover():
    with pytest.raises(ValidationError, match="不含 2027 年"):
        calendar_import_package(acting_user=None, years=[2027])
    (loaded,) = calendar_import_package(acting_user=None, years=[2026])
    assert loaded.source == "package"


# -- the command line ----------------------------------------------------------------


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(workdays, list(args))


def test_add_prints_the_nth_working_day(run):
    result = run("add", "2025-09-26", "20")
    assert result.exit_code == 0
    assert result.output == "2025-10-30\n"


def test_add_explains_when_asked(run):
    result = run("add", "2024-02-09", "1", "--explain")
    assert result.output.splitlines()[0] == "2024-02-18"
    assert "跳过节假日 春节 2024年2月10日至2024年2月17日" in result.output


def test_add_refuses_a_bad_date_in_chinese(run):
    result = run("add", "2025-02-30", "3")
    assert result.exit_code == 2
    assert "不是有效的日期" in result.output


def test_show_lists_a_year_and_says_when_one_is_missing(run):
    assert "2026-02-14  上班（调休）  春节调休" in run("show", "2026").output
    missing = run("show", "2031").output
    assert "尚未录入" in missing
    # Meanwhile the law's own holidays count: 2031's 春节 starts on 除夕, 22 January.
    assert "2031-01-22  休息（法定，暂定）  春节" in missing


def test_set_corrects_a_day(run):
    result = run("set", "2027-02-08", "holiday", "--name", "春节")
    assert result.exit_code == 0, result.output
    assert not work_calendar().is_workday(D(2027, 2, 8))
    refused = run("set", "2027-02-09", "workday", "--name", "x")
    assert refused.exit_code == 1 and "本来就是工作日" in refused.output


def test_import_reloads_package_years(run):
    result = run("import", "--year", "2025")
    assert result.exit_code == 0 and "2025–2025" in result.output
