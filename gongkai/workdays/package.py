"""The holidays and make-up working days published in the ``chinesecalendar`` package.

The package (import name ``chinese_calendar``) transcribes each year's State Council
notice; release 1.11 covers 2004–2026 and is updated every November. gongkai copies
its data into its own tables (``CalendarDay``) once, by the data migration and by
``gongkai workdays import``, so that staff can add the years the package lacks and
correct a day without waiting for a release. No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .arithmetic import WorkCalendar

# The package names festivals in English; the calendar shows them as the notice does.
FESTIVALS = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass(frozen=True)
class YearSchedule:
    """One year as the notice sets it: days off and weekend days worked."""

    year: int
    holidays: dict[date, str]
    workdays: dict[date, str]


def package_years() -> list[int]:
    """The years the installed package covers."""
    from chinese_calendar import constants

    return sorted({day.year for day in constants.holidays})


def package_schedule(year: int) -> YearSchedule:
    """The package's schedule for ``year``; empty when it does not cover the year."""
    from chinese_calendar import constants

    def named(days: dict[date, str]) -> dict[date, str]:
        return {
            day: FESTIVALS.get(str(name), str(name))
            for day, name in days.items()
            if day.year == year
        }

    return YearSchedule(
        year=year,
        holidays=named(constants.holidays),
        workdays={
            day: f"{name}调休" for day, name in named(constants.workdays).items()
        },
    )


def package_calendar() -> WorkCalendar:
    """A ``WorkCalendar`` of every year the package covers (for tests, and for
    working out dates where no database is at hand)."""

    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    years = package_years()
    for year in years:
        schedule = package_schedule(year)
        holidays.update(schedule.holidays)
        workdays.update(schedule.workdays)
    return WorkCalendar.build(holidays=holidays, workdays=workdays, years=years)
