"""Working-day arithmetic on the calendar as data (no database)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays.arithmetic import WorkCalendar, day_text, stretch_text
from gongkai.workdays.package import package_calendar

D = date


@pytest.fixture(scope="module")
def calendar():
    return package_calendar()


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2024, 2, 4), True, "Sunday worked before 春节 2024"),
        (D(2024, 2, 12), False, "Monday off in 春节 2024"),
        (D(2023, 10, 7), True, "Saturday worked after 国庆 2023"),
        (D(2023, 9, 29), False, "Friday off for 中秋 2023"),
        (D(2025, 6, 7), False, "an ordinary Saturday"),
        (D(2025, 6, 9), True, "an ordinary Monday"),
        (D(2027, 1, 1), False, "元旦 2027, not yet entered: the law fixes it"),
        (D(2027, 1, 4), True, "a Monday of 2027, not yet entered"),
    ],
)
def test_working_days_follow_the_notice(calendar, day, working, why):
    assert calendar.is_workday(day) is working, why


def test_counting_starts_after_the_first_day(calendar):
    # Mon 2025-06-09 → Fri 2025-06-13: Tue–Fri are four working days.
    assert calendar.count(D(2025, 6, 9), D(2025, 6, 13)) == 4
    assert calendar.count(D(2025, 6, 13), D(2025, 6, 9)) == 0


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2025, 9, 26), 20, D(2025, 10, 30)),  # the notice's own example
        (D(2025, 6, 7), 0, D(2025, 6, 9)),  # Saturday: the next working day
        (D(2025, 6, 9), 0, D(2025, 6, 9)),  # a working day: itself
        (D(2024, 2, 2), 1, D(2024, 2, 4)),  # Fri → Sun worked (调休)
        (D(2024, 2, 9), 1, D(2024, 2, 18)),  # Fri → over 春节 to Sun worked
    ],
)
def test_nth_working_day_after(calendar, day, n, expected):
    assert calendar.nth_after(day, n) == expected


def _walk(calendar: WorkCalendar, day: date, n: int) -> date:
    while n:
        day += timedelta(days=1)
        n -= calendar.is_workday(day)
    return day


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 12, 31)),
    n=st.integers(min_value=1, max_value=250),
)
def test_bisection_agrees_with_walking_day_by_day(start, n):
    calendar = _CALENDAR
    due = calendar.nth_after(start, n)
    assert due == _walk(calendar, start, n)
    assert calendar.count(start, due) == n


_CALENDAR = package_calendar()


def test_a_stretch_names_what_it_skipped_and_counted(calendar):
    stretch = calendar.stretch(D(2024, 1, 30), D(2024, 2, 20))
    # 1/30–2/2 (4), Sun 2/4 (5), 2/5–9 (10), Sun 2/18 (11), 2/19–20 (13).
    assert stretch.workdays == 13
    assert [(r.name, r.first, r.last) for r in stretch.holidays] == [
        ("春节", D(2024, 2, 10), D(2024, 2, 17))
    ]
    assert [r.first for r in stretch.make_up_days] == [D(2024, 2, 4), D(2024, 2, 18)]
    text = stretch_text(stretch)
    assert text.startswith("计入 2024年1月30日至2024年2月20日：13 个工作日")
    assert "跳过节假日 春节 2024年2月10日至2024年2月17日" in text


def test_an_unknown_year_is_said_to_be_provisional(calendar):
    stretch = calendar.stretch(D(2026, 12, 28), D(2027, 1, 8))
    assert stretch.provisional == (2027,)
    assert "2027年节假日安排尚未公布或录入" in stretch_text(stretch)
    assert "跳过节假日 元旦 2027年1月1日" in stretch_text(stretch)


def test_the_version_changes_with_the_content():
    one = WorkCalendar.build(holidays={D(2027, 1, 1): "元旦"}, years=[2027])
    same = WorkCalendar.build(holidays={D(2027, 1, 1): "元旦"}, years=[2027])
    other = WorkCalendar.build(holidays={D(2027, 1, 4): "元旦"}, years=[2027])
    assert one.version == same.version != other.version


def test_a_day_cannot_be_both_off_and_worked():
    with pytest.raises(ValueError, match="既是节假日又是调休上班日"):
        WorkCalendar.build(
            holidays={D(2027, 2, 6): "春节"}, workdays={D(2027, 2, 6): "春节调休"}
        )


def test_far_dates_widen_the_index():
    calendar = WorkCalendar.build(years=[2024])
    # 2024 has no holidays entered: 250 working days from Fri 2024-01-05 is 50 weeks
    # on; further on, 2025 and 2026 count the law's holidays (provisionally), as a
    # day-by-day walk does.
    assert calendar.nth_after(D(2024, 1, 5), 250) == D(2024, 1, 5) + timedelta(weeks=50)
    assert calendar.nth_after(D(2024, 1, 5), 600) == _walk(calendar, D(2024, 1, 5), 600)


def test_dates_are_written_as_in_official_documents():
    assert day_text(D(2024, 10, 8)) == "2024年10月8日"
