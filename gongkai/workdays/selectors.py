"""Reading the working-day calendar out of the database."""

from __future__ import annotations

from django.db.models import QuerySet

from .arithmetic import WorkCalendar
from .models import CalendarDay, CalendarYear, DayKind

# The calendar last built, keyed by the rows it was built from: the rows are cheap
# to read, the index of working days is what is worth keeping.
_last: tuple[int, WorkCalendar] | None = None


def work_calendar() -> WorkCalendar:
    """The calendar as stored now (holidays, 调休 working days, known years)."""
    global _last
    days = tuple(CalendarDay.objects.order_by("day").values_list("day", "kind", "name"))
    years = tuple(CalendarYear.objects.order_by("year").values_list("year", flat=True))
    key = hash((days, years))
    if _last is not None and _last[0] == key:
        return _last[1]
    calendar = WorkCalendar.build(
        holidays=[(day, name) for day, kind, name in days if kind == DayKind.HOLIDAY],
        workdays=[(day, name) for day, kind, name in days if kind == DayKind.WORKDAY],
        years=years,
    )
    _last = (key, calendar)
    return calendar


def calendar_days_in(year: int) -> QuerySet[CalendarDay]:
    """The days of ``year`` that differ from the ordinary week, in order."""
    return CalendarDay.objects.filter(day__year=year).order_by("day")
