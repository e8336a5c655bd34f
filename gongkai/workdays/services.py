"""Changing the working-day calendar.

The calendar is national (the State Council's 节假日安排) and moves every open
deadline of every agency, so only an administrator, or the system itself
(``acting_user`` None: a command run by the operator), may change it; an agency's
office head may not. The check comes before anything else.

Every change is one event on the year it touches, and then the ``calendar_changed``
signal, inside the same transaction: rooms that keep deadlines recompute them (and
record which moved), or queue the recompute as a task committed with the change, or
refuse it, and then the change does not happen at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.db import transaction

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Permission, authorize
from gongkai.core.events import event_record
from gongkai.core.workflow import Refused

from .models import CalendarDay, CalendarYear, DayKind, Source
from .package import package_schedule, package_years
from .selectors import work_calendar
from .signals import calendar_changed

NORMAL = "normal"  # ``calendar_day_set`` kind that makes a day ordinary again


@transaction.atomic
def calendar_year_load(
    *,
    acting_user: User | None,
    year: int,
    holidays: Mapping[date, str],
    workdays: Mapping[date, str],
    source: str = Source.STAFF,
    notice: str = "",
) -> CalendarYear:
    """Replace ``year``'s schedule with the given days off and weekend days worked."""
    _calendar_keeper(acting_user)
    _validate_year(year, holidays, workdays)
    calendar_year, _ = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": source, "notice": notice}
    )
    before = _year_days(year)
    CalendarDay.objects.filter(day__year=year).delete()
    CalendarDay.objects.bulk_create(
        [
            *(_day(d, DayKind.HOLIDAY, n, source) for d, n in holidays.items()),
            *(_day(d, DayKind.WORKDAY, n, source) for d, n in workdays.items()),
        ]
    )
    after = _year_days(year)
    event_record(
        actor=acting_user,
        verb="calendar_year_loaded",
        target=calendar_year,
        data={
            "source": source,
            "notice": notice,
            "holidays": len(holidays),
            "workdays": len(workdays),
            "changed": _changed_days(before, after),
        },
    )
    changed = [date.fromisoformat(d) for d in _changed_days(before, after)]
    _announce(acting_user, [year], changed)
    return calendar_year


@transaction.atomic
def calendar_day_set(
    *, acting_user: User | None, day: date, kind: str, name: str = ""
) -> CalendarYear:
    """Correct one day: make it a holiday, a 调休 working day, or ordinary again.

    A year that had no schedule gets one (entered by staff) with this day in it.
    """
    _calendar_keeper(acting_user)
    if kind not in (*DayKind.values, NORMAL):
        raise Refused(f"未知的日期类型：{kind}")
    if kind == DayKind.WORKDAY and day.weekday() < 5:
        raise Refused(f"{day} 是周一至周五，本来就是工作日，无需设为调休上班。")
    if kind != NORMAL and not name.strip():
        raise Refused("请填写节日名称，如“春节”。")
    calendar_year, _ = CalendarYear.objects.get_or_create(year=day.year)
    previous = CalendarDay.objects.filter(day=day).first()
    if kind == NORMAL:
        CalendarDay.objects.filter(day=day).delete()
    else:
        CalendarDay.objects.update_or_create(
            day=day, defaults={"kind": kind, "name": name.strip(), "source": "staff"}
        )
    calendar_year.save(update_fields=["updated_at"])
    event_record(
        actor=acting_user,
        verb="calendar_day_changed",
        target=calendar_year,
        data={
            "day": day.isoformat(),
            "before": previous.kind if previous else NORMAL,
            "after": kind,
            "name": name.strip(),
        },
    )
    _announce(acting_user, [day.year], [day])
    return calendar_year


def calendar_import_package(
    *, acting_user: User | None, years: Iterable[int] | None = None
) -> list[CalendarYear]:
    """Load the given years (by default every year it covers) from the
    ``chinesecalendar`` package, replacing what is stored for them."""
    _calendar_keeper(acting_user)
    available = package_years()
    wanted = list(years) if years is not None else available
    missing = sorted(set(wanted) - set(available))
    if missing:
        raise Refused(
            f"chinesecalendar 软件包不含 {'、'.join(map(str, missing))} 年的安排"
            f"（它覆盖 {available[0]}–{available[-1]} 年），请手工录入。"
        )
    loaded = []
    for year in wanted:
        schedule = package_schedule(year)
        loaded.append(
            calendar_year_load(
                acting_user=acting_user,
                year=year,
                holidays=schedule.holidays,
                workdays=schedule.workdays,
                source=Source.PACKAGE,
                notice=f"chinesecalendar {_package_version()}",
            )
        )
    return loaded


# -- helpers -------------------------------------------------------------------------


def _calendar_keeper(acting_user: User | None) -> None:
    """The calendar is national: an administrator (or the system) keeps it, never
    an agency's office head."""
    authorize(acting_user, Permission.CALENDAR_EDIT)


def _validate_year(
    year: int, holidays: Mapping[date, str], workdays: Mapping[date, str]
) -> None:
    stray = sorted(d for d in (*holidays, *workdays) if d.year != year)
    if stray:
        raise Refused(f"{stray[0]} 不在 {year} 年内。")
    clash = sorted(set(holidays) & set(workdays))
    if clash:
        raise Refused(f"{clash[0]} 不能既是节假日又是调休上班日。")
    weekday = sorted(d for d in workdays if d.weekday() < 5)
    if weekday:
        raise Refused(f"{weekday[0]} 是周一至周五，不能设为调休上班日。")


def _day(day: date, kind: str, name: str, source: str) -> CalendarDay:
    return CalendarDay(day=day, kind=kind, name=name, source=source)


def _year_days(year: int) -> dict[str, str]:
    return {
        day.isoformat(): kind
        for day, kind in CalendarDay.objects.filter(day__year=year).values_list(
            "day", "kind"
        )
    }


def _changed_days(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The days whose kind a reload changed (added, removed or switched)."""
    return sorted(
        d for d in before.keys() | after.keys() if before.get(d) != after.get(d)
    )


def _announce(acting_user: User | None, years: list[int], days: list[date]) -> None:
    """Tell the ledgers the calendar changed: the years, and the days whose kind
    changed, so a receiver recomputes only what those days can move."""
    calendar_changed.send(
        sender=CalendarYear,
        acting_user=acting_user,
        years=years,
        days=days,
        calendar=work_calendar(),
    )


def _package_version() -> str:
    from importlib.metadata import version

    return version("chinesecalendar")
