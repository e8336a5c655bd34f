"""The holidays the law itself fixes, for years whose schedule is not yet known.

Each autumn the State Council's General Office publishes the next year's schedule
(《国务院办公厅关于YYYY年部分节假日安排的通知》): which days are off, and which
weekend days are worked instead (调休). Until it is out (or until staff enter it),
a due date that reaches into that year would otherwise be counted Monday to Friday,
so a reply could fall due on 元旦. The holidays themselves are not unknown: they are
fixed by 《全国年节及纪念日放假办法》 (as revised by 国务院令第795号 of November 2024,
in force from 1 January 2025), 第二条:

- 元旦 1 day (1 January);
- 春节 4 days (农历除夕 and 正月初一 to 初三);
- 清明节 1 day (the day of the solar term 清明);
- 劳动节 2 days (1 and 2 May);
- 端午节 1 day (农历五月初五);
- 中秋节 1 day (农历八月十五);
- 国庆节 3 days (1 to 3 October).

第六条 gives a holiday that falls on a Saturday or Sunday a day off (补假) on a
working day. Which working day is for the yearly notice to say; here it is the
first weekday after the holiday's run that is not itself a holiday (what the
notices have done in practice, UNVERIFIED as a rule). The 调休 swaps (weekend days
worked to join holidays into longer breaks) cannot be foreseen at all, so every date
counted this way stays *provisional* and moves when the schedule is entered.

No Django here: ``arithmetic.WorkCalendar`` asks this module for a year it does not
know. Lunar dates come from ``lunardate`` (tables for 1900–2099), 清明 from
``chinese_calendar``'s solar terms.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar
from lunardate import LunarDate

NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
TOMB_SWEEPING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"
MAKE_UP = "补假"

# 国务院令第795号 took effect on 1 January 2025; before it 春节 was 初一 to 初三 and
# 劳动节 one day (国务院令第644号, 2014–2024). Years before 2014 are never provisional
# here: their schedules are all published and packaged.
REVISED_2024 = 2025


@lru_cache(maxsize=64)
def statutory_holidays(year: int) -> dict[date, str]:
    """The days off 《全国年节及纪念日放假办法》 gives in ``year``, each with its
    festival's name, including the 补假 of 第六条 for a holiday on a weekend."""
    spring = LunarDate(year, 1, 1).to_solar_date()
    days: dict[date, str] = {date(year, 1, 1): NEW_YEAR}
    first_of_spring = spring - timedelta(days=1) if year >= REVISED_2024 else spring
    for offset in range((spring - first_of_spring).days + 3):
        days[first_of_spring + timedelta(days=offset)] = SPRING_FESTIVAL
    days[_qingming(year)] = TOMB_SWEEPING
    days[date(year, 5, 1)] = LABOUR_DAY
    if year >= REVISED_2024:
        days[date(year, 5, 2)] = LABOUR_DAY
    days[LunarDate(year, 5, 5).to_solar_date()] = DRAGON_BOAT
    mid_autumn = LunarDate(year, 8, 15).to_solar_date()
    days.setdefault(mid_autumn, MID_AUTUMN)  # on 1–3 October it is one day off
    for day in (1, 2, 3):
        days[date(year, 10, day)] = NATIONAL_DAY
    return _with_make_up_days(days)


def _qingming(year: int) -> date:
    """The day of the solar term 清明 (4, 5 or 6 April)."""
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
    return next(day for day, name in terms if name == "清明")


def _with_make_up_days(days: dict[date, str]) -> dict[date, str]:
    """第六条: each holiday on a Saturday or Sunday gives a weekday off after its
    run (the first weekday that is neither a holiday nor already given)."""
    result = dict(days)
    for day in sorted(days):
        if day.weekday() < 5:
            continue
        free = day + timedelta(days=1)
        while free.weekday() >= 5 or free in result:
            free += timedelta(days=1)
        result[free] = f"{days[day]}{MAKE_UP}"
    return result
