"""Date helpers for the demo ledgers: spreading records over working days.

Working days come from ``chinesecalendar`` (data for 2004–2026), which covers
every year of the demo. The demo keeps its own two helpers rather than waiting for
the ``workdays`` app, whose statutory clock it does not need.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chinese_calendar import is_workday

SHANGHAI = ZoneInfo("Asia/Shanghai")


def workday_on_or_after(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def workday_on_or_before(day: date) -> date:
    while not is_workday(day):
        day -= timedelta(days=1)
    return day


def add_workdays(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (not counting ``day`` itself)."""
    while count > 0:
        day += timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day


def spread(year: int, index: int, total: int) -> date:
    """The ``index``-th of ``total`` working days spread evenly over ``year``."""
    first = date(year, 1, 1)
    span = (date(year, 12, 31) - first).days
    day = first + timedelta(days=(index * span) // max(total, 1))
    later = workday_on_or_after(day)
    return later if later.year == year else workday_on_or_before(day)


def local_moment(day: date, hour: int = 10) -> datetime:
    """An aware datetime at ``hour`` o'clock, Beijing time, on ``day``."""
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)
