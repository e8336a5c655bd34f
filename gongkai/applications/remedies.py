"""The applicant's remedy windows: the last day to apply for review or to sue.

A reply is a 行政行为 the applicant may challenge. Both periods run from when the
applicant knew or should have known of it, which for a written reply is the day it
was served (送达):

- 行政复议: 60 days (《行政复议法》(2023 revision) 第二十条第一款);
- 行政诉讼 directly: 6 months (《行政诉讼法》第四十六条第一款).

Neither statute counts its periods itself: both send the counting to 《民事诉讼法》
(《行政复议法》第八十八条, 《行政诉讼法》第一百零一条), whose 第八十五条 says the
day a period starts from is not counted, and a period whose last day is a 法定休假日
ends on the first day after it. A period in months ends on the same day of the
month it ends in, or on that month's last day when it has no such day (the rule
courts apply under 第八十五条; 《民法典》第二百零二条 says the same).

Which days are 休假日 is the working-day calendar's business (weekends and
holidays, less the 调休 working days). No Django here.
"""

from __future__ import annotations

import calendar as months
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.workdays.arithmetic import WorkCalendar, day_text

REVIEW_DAYS = 60
SUIT_MONTHS = 6


@dataclass(frozen=True)
class RemedyWindow:
    """One remedy and the last day to seek it, with the articles and the count."""

    remedy: str  # 申请行政复议 / 提起行政诉讼
    last_day: date
    basis: str
    reasoning: str


def remedy_windows(served_on: date, calendar: WorkCalendar) -> list[RemedyWindow]:
    """The last days to apply for review and to sue, for a reply served on
    ``served_on``."""
    review = served_on + timedelta(days=REVIEW_DAYS)
    suit = add_months(served_on, SUIT_MONTHS)
    return [
        _window(
            "申请行政复议",
            served_on,
            review,
            calendar,
            "《行政复议法》第二十条第一款",
            f"自送达次日起计算{REVIEW_DAYS}日",
        ),
        _window(
            "提起行政诉讼",
            served_on,
            suit,
            calendar,
            "《行政诉讼法》第四十六条第一款",
            f"自送达次日起计算{SUIT_MONTHS}个月"
            + ("" if suit.day == served_on.day else "（到期月无对应日，为该月末日）"),
        ),
    ]


def add_months(day: date, months_: int) -> date:
    """The same day ``months_`` months on, or the last day of that month when it
    has no such day (31 August + 6 months → 28 or 29 February)."""
    index = day.month - 1 + months_
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def _window(
    remedy: str,
    served_on: date,
    end: date,
    calendar: WorkCalendar,
    basis: str,
    count: str,
) -> RemedyWindow:
    last = end
    while not calendar.is_workday(last):
        last += timedelta(days=1)
    reasoning = f"{day_text(served_on)}送达，{count}为{day_text(end)}"
    if last != end:
        reasoning += f"，该日为休息日，顺延至其后第一个工作日{day_text(last)}"
    if not calendar.is_known(last):
        reasoning += f"（{last.year}年节假日安排尚未公布，暂定）"
    return RemedyWindow(
        remedy=remedy,
        last_day=last,
        basis=f"{basis}；期间依《民事诉讼法》第八十五条计算",
        reasoning=reasoning,
    )
