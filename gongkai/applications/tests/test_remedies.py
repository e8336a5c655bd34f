"""The applicant's remedy windows, worked by hand: 60 days to apply for review
(《行政复议法》第二十条), 6 months to sue (《行政诉讼法》第四十六条), counted as
《民事诉讼法》第八十五条 says (the start day not counted; a last day that is a rest
day moves to the next working day)."""

from datetime import date

import pytest

from gongkai.applications.remedies import add_months, remedy_windows
from gongkai.workdays.package import package_calendar

D = date


@pytest.fixture(scope="module")
def calendar():
    return package_calendar()


@pytest.mark.parametrize(
    ("served", "review", "suit", "why"),
    [
        (
            D(2025, 1, 24),
            D(2025, 3, 25),
            D(2025, 7, 24),
            "Fri 24 Jan: day 1 is 25 Jan; 7 days of January, 28 of February, "
            "25 of March make 60 → Tue 25 Mar. Six months on is Thu 24 Jul.",
        ),
        (
            D(2025, 8, 2),
            D(2025, 10, 9),
            D(2026, 2, 2),
            "Day 60 is Wed 1 Oct, in the 国庆/中秋 break of 1–8 Oct 2025 → the "
            "first working day after it, Thu 9 Oct. Six months on, Mon 2 Feb 2026.",
        ),
        (
            D(2025, 8, 31),
            D(2025, 10, 30),
            D(2026, 2, 28),
            "February 2026 has no 31st → its last day, Sat 28 Feb, which the 2026 "
            "notice makes a working day (调休上班), so it stays.",
        ),
        (
            D(2025, 9, 13),
            D(2025, 11, 12),
            D(2026, 3, 13),
            "Sat 13 Sep (a service on a weekend counts as any other): 60 days on is "
            "Wed 12 Nov; six months on is Fri 13 Mar 2026.",
        ),
        (
            D(2026, 4, 4),
            D(2026, 6, 3),
            D(2026, 10, 8),
            "Six months on is Sun 4 Oct 2026, in the 国庆 break of 1–7 Oct → "
            "Thu 8 Oct.",
        ),
    ],
)
def test_remedy_windows_worked_by_hand(calendar, served, review, suit, why):
    windows = remedy_windows(served, calendar)
    assert [(w.remedy, w.last_day) for w in windows] == [
        ("申请行政复议", review),
        ("提起行政诉讼", suit),
    ], why


def test_each_window_says_how_it_was_counted(calendar):
    review, suit = remedy_windows(D(2025, 8, 2), calendar)
    assert review.reasoning == (
        "2025年8月2日送达，自送达次日起计算60日为2025年10月1日，"
        "该日为休息日，顺延至其后第一个工作日2025年10月9日"
    )
    assert "《行政复议法》第二十条第一款" in review.basis
    assert "《民事诉讼法》第八十五条" in review.basis
    assert "《行政诉讼法》第四十六条第一款" in suit.basis


def test_a_window_in_a_year_not_yet_announced_is_provisional(calendar):
    _, suit = remedy_windows(D(2026, 12, 10), calendar)
    assert suit.last_day == D(2027, 6, 10)
    assert "2027年节假日安排尚未公布，暂定" in suit.reasoning


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2025, 7, 31), 6, D(2026, 1, 31)),
        (D(2025, 12, 15), 1, D(2026, 1, 15)),
    ],
)
def test_months_end_on_the_same_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected
