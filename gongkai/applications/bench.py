"""``gongkai bench deadlines``: recomputing open deadlines after a holiday change.

The benchmark database gets, once, an agency with 100,000 open applications over
2025, their deadline ledgers varied as real ones are (补正 restarts, consultations
open and finished, fee notices, extensions, delays), made by the applications'
generator (``clocked_applications`` in ``gongkai.applications.synthetic``). Each
run then declares a weekday a holiday and takes it back (``calendar_day_set``, the
service staff use). The change only queues the recompute (a background task,
``gongkai.applications.tasks``); the benchmark runs the queued task's function
itself and times it (``deadlines.recompute``: the calendar read from the database,
the applications whose counting may cross the changed day derived again, the moved
ones written with their events). The service's own return is timed apart
(``deadlines.calendar_change_saved``: what the page waits for).

It also times the recompute service alone, given the calendar and told the day
(``deadlines.recompute_told_days``), and the task without the days, every open
application derived again (``deadlines.recompute_every_open``).

On PostgreSQL the applications and events tables are vacuumed before each timed
recompute (untimed), as autovacuum would between real changes: the benchmark moves
the same due dates there and back many times a minute.

The baseline is a bare loop that, for each application, walks day by day from its
start adding the same number of working days (the period plus the working days
its pauses kept off the clock) over the same calendar, in memory.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.test.utils import override_settings

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
# The calendar change only queues the recompute; the benchmark runs the queued
# task's function itself, timed (whatever backend the settings name).
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


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


def _events_after(first_event: int | None) -> Any:
    from gongkai.core.models import Event

    return Event.objects.filter(pk__gt=first_event or 0)


def _last_event() -> int | None:
    from gongkai.core.models import Event

    return Event.objects.order_by("-pk").values_list("pk", flat=True).first()


def _vacuumed() -> None:
    """Untimed, between measurements: on PostgreSQL, reclaim the row versions the
    last change left in the applications and events (each run moves 8,076 due
    dates there and back, six times), as autovacuum does in a live database, so
    that it does not start in the middle of a timed recompute."""
    from django.db import connection

    from gongkai.core.models import Event

    from .models import Application

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    tables = (Application._meta.db_table, Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) " + ", ".join(tables))


def _told_the_day(calendar: Any) -> float:
    """The faster of the two recomputations (the day made a holiday, then
    ordinary again) by the service itself, given the calendar and told the day
    that changed; the events they wrote are deleted."""
    from gongkai.workdays.arithmetic import WorkCalendar

    from .services import deadlines_recompute

    holiday = WorkCalendar.build(
        holidays={**calendar.holidays, CHANGED_DAY: "基准测试"},
        workdays=calendar.workdays,
        years=calendar.years,
    )
    first_event = _last_event()
    best = float("inf")
    for changed in (holiday, calendar):
        _vacuumed()
        started = time.perf_counter()
        with transaction.atomic():
            deadlines_recompute(acting_user=None, calendar=changed, days=[CHANGED_DAY])
        best = min(best, time.perf_counter() - started)
    _events_after(first_event).delete()
    return best


def _taken_from_queue() -> dict[str, Any]:
    """The arguments of the recompute the calendar change queued (the newest),
    taken off the queue with any older one a stopped run left."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import deadlines_recompute_after

    queued = DBTaskResult.objects.filter(
        task_path=deadlines_recompute_after.module_path
    ).order_by("-enqueued_at")
    kwargs: dict[str, Any] = queued[0].args_kwargs["kwargs"]
    queued.delete()
    return kwargs


@dataclass
class _Change:
    """The timings of one run of the calendar change, made and taken back."""

    saved: float = float("inf")  # the calendar service, the recompute queued
    recompute: float = float("inf")  # the queued task's function
    every_open: float = float("inf")  # the task's function without the days
    moved: int = 0


def _change_and_recompute(change: _Change) -> None:
    """Declare ``CHANGED_DAY`` a holiday and take it back (``calendar_day_set``,
    which queues the recompute in the database), each time running the queued
    task's function; then the task without the days (every open application
    derived again), both ways. Keeps the fastest of each; deletes what it wrote."""
    from gongkai.workdays.services import calendar_day_set

    from .tasks import deadlines_recompute_after

    for kind in ("holiday", "normal"):
        _vacuumed()
        first_event = _last_event()
        started = time.perf_counter()
        calendar_day_set(acting_user=None, day=CHANGED_DAY, kind=kind, name="基准测试")
        change.saved = min(change.saved, time.perf_counter() - started)
        kwargs = _taken_from_queue()  # run here, timed, instead of by a worker
        started = time.perf_counter()
        deadlines_recompute_after.call(**kwargs)
        change.recompute = min(change.recompute, time.perf_counter() - started)
        change.moved = (
            _events_after(first_event).filter(verb="deadline_recomputed").count()
        )
        _events_after(first_event).delete()  # keep it stable
    for kind in ("holiday", "normal"):
        calendar_day_set(acting_user=None, day=CHANGED_DAY, kind=kind, name="基准测试")
        _taken_from_queue()
        _vacuumed()
        first_event = _last_event()
        started = time.perf_counter()
        deadlines_recompute_after.call(days=None, acting_user_id=None)
        change.every_open = min(change.every_open, time.perf_counter() - started)
        _events_after(first_event).delete()


@benchmark("deadlines")
def deadlines_benchmark(*, runs: int, progress: Progress) -> list[Measurement]:
    """100,000 open applications' due dates recomputed after a holiday change,
    against a bare loop adding the same working days."""
    from gongkai.workdays.selectors import work_calendar

    from .selectors import applications_open

    _agency(progress)
    calendar = work_calendar()
    work = _bare_loop_work(calendar)
    open_count = applications_open().count()
    measuring(progress)
    change, loop, told = _Change(), float("inf"), float("inf")
    with override_settings(TASKS=DATABASE_TASKS):
        for _ in range(max(1, runs)):
            told = min(told, _told_the_day(calendar))
            _change_and_recompute(change)
            started = time.perf_counter()
            _bare_loop(calendar, work)
            loop = min(loop, time.perf_counter() - started)
    return [
        Measurement("deadlines.recompute", change.recompute, "s", baseline=loop),
        Measurement("deadlines.recompute_told_days", told, "s", baseline=loop),
        Measurement(
            "deadlines.recompute_every_open", change.every_open, "s", baseline=loop
        ),
        Measurement("deadlines.calendar_change_saved", change.saved, "s"),
        Measurement("deadlines.bare_loop", loop, "s"),
        Measurement("deadlines.applications", float(open_count), "applications"),
        Measurement("deadlines.with_due_date", float(len(work)), "applications"),
        Measurement("deadlines.moved", float(change.moved), "applications"),
    ]
