"""Working days for synthetic ledgers: spreading made-up records over the days an
office is open.

Working days come from ``chinesecalendar`` (data for 2004–2026), not from the
stored calendar: a generator runs before the calendar is loaded, and must draw the
same dates whatever a user later changed in it. The statutory clock lives in
``workdays.arithmetic``; these helpers only place records on plausible days.
"""

from __future__ import annotations

import random
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


def workday_in(rng: random.Random, year: int) -> date:
    """A day of ``year`` drawn from ``rng``: the first working day on or after it,
    unless that falls in the next year."""
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    later = workday_on_or_after(day)
    return later if later.year == year else day


def workdays_after(day: date, count: int, *, until: date) -> date | None:
    """``count`` working days after ``day``, or None when that is after ``until``
    (what has not happened yet by the ledger's last day)."""
    later = add_workdays(day, count)
    return later if later <= until else None
