"""The holidays 《全国年节及纪念日放假办法》 fixes, for years not yet entered."""

from datetime import date, timedelta

import pytest

from gongkai.workdays.arithmetic import WorkCalendar
from gongkai.workdays.package import package_calendar
from gongkai.workdays.statutory import statutory_holidays

D = date


def test_2027_worked_by_hand():
    # 春节 2027: 正月初一 is Sat 6 Feb, so 除夕 is Fri 5 Feb; 初一–初三 Sat–Mon.
    # 第六条: Sat 6 and Sun 7 each give a weekday off after the run (Tue 9, Wed 10).
    # 劳动节 Sat 1 and Sun 2 May → Mon 3, Tue 4; 国庆 Fri 1, Sat 2, Sun 3 Oct →
    # Mon 4, Tue 5. 清明 is Mon 5 Apr, 端午 Wed 9 Jun, 中秋 Wed 15 Sep.
    assert statutory_holidays(2027) == {
        D(2027, 1, 1): "元旦",
        D(2027, 2, 5): "春节",
        D(2027, 2, 6): "春节",
        D(2027, 2, 7): "春节",
        D(2027, 2, 8): "春节",
        D(2027, 2, 9): "春节补假",
        D(2027, 2, 10): "春节补假",
        D(2027, 4, 5): "清明节",
        D(2027, 5, 1): "劳动节",
        D(2027, 5, 2): "劳动节",
        D(2027, 5, 3): "劳动节补假",
        D(2027, 5, 4): "劳动节补假",
        D(2027, 6, 9): "端午节",
        D(2027, 9, 15): "中秋节",
        D(2027, 10, 1): "国庆节",
        D(2027, 10, 2): "国庆节",
        D(2027, 10, 3): "国庆节",
        D(2027, 10, 4): "国庆节补假",
        D(2027, 10, 5): "国庆节补假",
    }


def test_before_the_2024_revision_spring_festival_and_may_day_were_shorter():
    # 2024 (国务院令第644号): 春节 初一–初三 (10–12 Feb), 劳动节 1 May only.
    days = statutory_holidays(2024)
    assert D(2024, 2, 9) not in days  # 除夕 was not a holiday yet
    assert days[D(2024, 2, 10)] == "春节"
    assert D(2024, 5, 2) not in days


@pytest.mark.parametrize("year", range(2014, 2027))
def test_every_statutory_weekday_off_was_off_in_the_published_schedule(year):
    """Each published schedule of 2014–2026 gave every day the 办法 fixes (on a
    weekday) as a day off: what is counted provisionally is never a working day
    once the notice comes."""
    published = package_calendar()
    for day in statutory_holidays(year):
        if day.weekday() < 5 and "补假" not in statutory_holidays(year)[day]:
            assert not published.is_workday(day), (year, day)


def test_an_unknown_year_counts_the_statutory_holidays_provisionally():
    calendar = WorkCalendar.build(years=[2026])
    # Thu 31 Dec 2026 + 1 working day: Fri 1 Jan 2027 is 元旦, so Mon 4 Jan.
    assert calendar.nth_after(D(2026, 12, 31), 1) == D(2027, 1, 4)
    stretch = calendar.stretch(D(2027, 9, 27), D(2027, 10, 8))
    assert stretch.provisional == (2027,)
    # Mon 27–Thu 30 Sep count (4); Fri 1 Oct off, Sat 2/Sun 3 off and given back
    # on Mon 4/Tue 5; Wed 6–Fri 8 count (3).
    assert stretch.workdays == 4 + 3
    assert [(r.name, r.first, r.last) for r in stretch.holidays] == [
        ("国庆节", D(2027, 10, 1), D(2027, 10, 3)),
        ("国庆节补假", D(2027, 10, 4), D(2027, 10, 5)),
    ]


def test_a_year_once_entered_follows_its_notice_only():
    entered = WorkCalendar.build(
        holidays={D(2027, 1, 1): "元旦"}, workdays={D(2027, 2, 20): "春节"}
    )
    assert not entered.is_workday(D(2027, 1, 1))
    # The notice is what counts now: Fri 5 Feb is a working day unless it says not.
    assert entered.is_workday(D(2027, 2, 5))
    assert entered.provisional_holidays(2027) == {}


def test_make_up_days_never_land_on_another_holiday():
    for year in range(2025, 2100):
        days = statutory_holidays(year)
        for day, name in days.items():
            if name.endswith("补假"):
                assert day.weekday() < 5, (year, day)
                assert day - timedelta(days=7) < max(days), (year, day)
