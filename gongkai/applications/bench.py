"""``gongkai bench deadlines``: recomputing open deadlines after a holiday change.

The benchmark database gets, once, an agency with 100,000 open applications over
2025, their deadline ledgers varied as real ones are (补正 restarts, consultations
open and finished, fee notices, extensions, delays), made by the applications'
generator (``clocked_applications`` in ``gongkai.applications.synthetic``). Each
run then declares a weekday a holiday and takes it back (``calendar_day_set``, the
service staff use): each change recomputes every open due date and records those
that moved.

It times the same change again told which day changed (``days``, what
``calendar_changed`` carries when its sender says): only the applications whose
counting may cross that day are derived again.

The baseline is a bare loop that, for each application, walks day by day from its
start adding the same number of working days (the period plus the working days
its pauses kept off the clock) over the same calendar, in memory.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.synthetic import synthetic_agency
from gongkai.core.bench import Measurement, Progress, benchmark, measuring

from .synthetic import clocked_applications

SIZE = 100_000
YEAR = 2025
CODE_STEM = "11520000BENCH0002"
AGENCY = "基准测试市政务服务数据管理局"
CHANGED_DAY = date(YEAR, 6, 30)  # a Monday, made a holiday and back
SEED = 2025


def _agency(progress: Progress) -> Agency:
    """The benchmark's agency and its open applications, made once."""
    with transaction.atomic():
        agency, created = synthetic_agency(
            name=AGENCY,
            code_stem=CODE_STEM,
            level=Agency.Level.CITY,
            kind=Agency.Kind.DEPARTMENT,
        )
        if not created:
            return agency
        progress(f"首次运行：正在生成 {SIZE} 件未办结申请及其期限记录……")
        started = time.perf_counter()
        clocked_applications(
            agency, year=YEAR, count=SIZE, rng=random.Random(SEED), prefix="BENCH-D"
        )
    progress(f"合成数据已生成，用时 {time.perf_counter() - started:.1f} 秒")
    return agency


def _bare_loop_work(calendar: Any) -> list[tuple[date, int]]:
    """For each open application: the day it counts from and how many working days
    a plain day-by-day walk must add to reach its due date (untimed)."""
    from . import clock
    from .selectors import applications_open, clock_inputs

    work = []
    applications = list(applications_open().only("pk", "received_on"))
    for clock_in in clock_inputs(applications).values():
        reckoning = clock.reckon(clock_in, calendar)
        if reckoning.due is None:
            continue
        start = reckoning.day_zero
        work.append((start, calendar.count(start, reckoning.due)))
    return work


def _bare_loop(calendar: Any, work: list[tuple[date, int]]) -> None:
    holidays, workdays = set(calendar.holidays), set(calendar.workdays)
    one = timedelta(days=1)
    for start, n in work:
        day, counted = start, 0
        while counted < n:
            day += one
            if day in workdays or (day not in holidays and day.weekday() < 5):
                counted += 1


def _told_the_day(calendar: Any) -> float:
    """The faster of the two recomputations (the day made a holiday, then
    ordinary again, as ``deadlines.recompute`` keeps the best of both) when told
    the day that changed; the events they wrote are deleted."""
    from gongkai.core.models import Event
    from gongkai.workdays.arithmetic import WorkCalendar

    from .services import deadlines_recompute

    holiday = WorkCalendar.build(
        holidays={**calendar.holidays, CHANGED_DAY: "基准测试"},
        workdays=calendar.workdays,
        years=calendar.years,
    )
    first_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first()
    best = float("inf")
    for changed in (holiday, calendar):
        started = time.perf_counter()
        with transaction.atomic():
            deadlines_recompute(acting_user=None, calendar=changed, days=[CHANGED_DAY])
        best = min(best, time.perf_counter() - started)
    Event.objects.filter(pk__gt=first_event or 0).delete()
    return best


@benchmark("deadlines")
def deadlines_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """100,000 open applications' due dates recomputed after a holiday change,
    against a bare loop adding the same working days."""
    from gongkai.core.models import Event
    from gongkai.workdays.selectors import work_calendar
    from gongkai.workdays.services import calendar_day_set

    from .selectors import applications_open

    _agency(progress)
    calendar = work_calendar()
    work = _bare_loop_work(calendar)
    open_count = applications_open().count()
    measuring(progress)
    recompute = loop = told = float("inf")
    moved = 0
    for _ in range(max(1, runs)):
        told = min(told, _told_the_day(calendar))
        for kind in ("holiday", "normal"):
            first_event = (
                Event.objects.order_by("-pk").values_list("pk", flat=True).first()
            )
            started = time.perf_counter()
            calendar_day_set(
                acting_user=None, day=CHANGED_DAY, kind=kind, name="基准测试"
            )
            recompute = min(recompute, time.perf_counter() - started)
            moved = Event.objects.filter(
                pk__gt=first_event or 0, verb="deadline_recomputed"
            ).count()
            Event.objects.filter(pk__gt=first_event or 0).delete()  # keep it stable
        started = time.perf_counter()
        _bare_loop(calendar, work)
        loop = min(loop, time.perf_counter() - started)
    return [
        Measurement("deadlines.recompute", recompute, "s", baseline=loop),
        Measurement("deadlines.recompute_told_days", told, "s", baseline=loop),
        Measurement("deadlines.bare_loop", loop, "s"),
        Measurement("deadlines.applications", float(open_count), "applications"),
        Measurement("deadlines.with_due_date", float(len(work)), "applications"),
        Measurement("deadlines.moved", float(moved), "applications"),
    ]
